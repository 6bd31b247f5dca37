package io.tagledger.domain.lifecycle;

import java.time.Instant;
import java.util.Set;

/**
 * An image as a lifecycle policy sees it.
 *
 * @param pushedAt  when its digest was first pushed into the repository, by the event's time
 * @param protectedTag a tag of it that its repository's rules keep for ever (STRICT or SEALED), or {@code null}
 */
public record LifecycleImage(String digest, Set<String> tags, Instant pushedAt, String protectedTag) {

    public LifecycleImage {
        tags = Set.copyOf(tags);
    }
}
