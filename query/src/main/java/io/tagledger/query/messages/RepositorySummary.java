package io.tagledger.query.messages;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;

import java.time.Instant;
import java.util.List;

public record RepositorySummary(String name, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                                TagProtection tagProtection, Instant createdAt, long imageCount) {
}
