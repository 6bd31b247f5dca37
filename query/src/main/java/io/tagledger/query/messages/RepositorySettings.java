package io.tagledger.query.messages;

import io.tagledger.domain.trust.TrustPolicy;

import java.time.Instant;
import java.util.Map;

/**
 * A repository's settings beyond its tag rules, as the views hold them now.
 *
 * @param lifecyclePolicyText  {@code null} when it has no lifecycle policy
 * @param lifecyclePolicySetAt when that policy was set
 * @param kmsKey               {@code null} unless one was given
 * @param repositoryPolicyText {@code null} when it has no repository policy
 * @param trustPolicy          {@link TrustPolicy#OFF} when it has none
 */
public record RepositorySettings(String repositoryName, String lifecyclePolicyText, Instant lifecyclePolicySetAt,
                                 Map<String, String> resourceTags, boolean scanOnPush, String encryptionType, String kmsKey,
                                 String repositoryPolicyText, TrustPolicy trustPolicy) {
}
