package io.tagledger.query.messages;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;

import java.time.Instant;
import java.util.List;

public record RepositorySummary(String name, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                                TagProtection tagProtection, TagRepush imageTagRepush, Instant createdAt, long imageCount) {
}
