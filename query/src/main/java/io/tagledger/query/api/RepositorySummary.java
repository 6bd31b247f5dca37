package io.tagledger.query.api;

import io.tagledger.domain.TagMutabilityMode;

import java.time.Instant;
import java.util.List;

public record RepositorySummary(String name, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                                Instant createdAt, long imageCount) {
}
