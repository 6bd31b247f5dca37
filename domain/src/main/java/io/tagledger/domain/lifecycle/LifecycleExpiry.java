package io.tagledger.domain.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * An image a lifecycle policy expires, by which rule and why.
 *
 * @param tags the image's tags, in order, which go with it
 */
public record LifecycleExpiry(String digest, List<String> tags, Instant pushedAt, int rulePriority, String ruleDescription,
                              String reason) {
}
