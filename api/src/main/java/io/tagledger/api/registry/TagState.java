package io.tagledger.api.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagProtection;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagSummary;

import java.time.Instant;

/**
 * A tag, the digest it points to, and what the repository's rules (as they stand, or stood at the
 * instant asked for) say of it: {@code immutable}, a push of other content under it is refused;
 * {@code protected}, under STRICT protection it can be neither untagged nor deleted either.
 */
public record TagState(String tag, String digest, Instant pushedAt, boolean immutable,
                       @JsonProperty("protected") boolean isProtected) {

    static TagState of(TagSummary tag, RepositorySummary repository) {
        TagMutability rules = TagMutability.of(repository.imageTagMutability(), repository.exclusionFilters());
        TagProtection protection = repository.tagProtection() == null ? TagProtection.NONE : repository.tagProtection();
        return new TagState(tag.tag(), tag.digest(), tag.pushedAt(), rules.isImmutable(tag.tag()), protection.protects(rules, tag.tag()));
    }
}
