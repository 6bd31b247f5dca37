package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The repository's lifecycle policy expired an image: which policy (the digest of its text, as
 * {@link LifecyclePolicySet} gave it), which rule, and why. The image's {@link ImageDeleted} follows it
 * in the same commit; the views read that one.
 *
 * @param tags the tags the image had, which went with it
 */
@Revision("1")
public record ImageExpired(String repositoryName, String imageDigest, List<String> tags, String lifecyclePolicyDigest,
                           int rulePriority, String ruleDescription, String reason) {
}
