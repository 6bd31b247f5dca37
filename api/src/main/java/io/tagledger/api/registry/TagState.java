package io.tagledger.api.registry;

import io.tagledger.domain.TagMutability;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagSummary;

import java.time.Instant;

/**
 * A tag, the digest it points to, and whether the repository's rules (as they stand, or stood at the
 * instant asked for) make it immutable: a push of other content under it is refused.
 */
public record TagState(String tag, String digest, Instant pushedAt, boolean immutable) {

    static TagState of(TagSummary tag, RepositorySummary repository) {
        boolean immutable = TagMutability.of(repository.imageTagMutability(), repository.exclusionFilters()).isImmutable(tag.tag());
        return new TagState(tag.tag(), tag.digest(), tag.pushedAt(), immutable);
    }
}
