package io.tagledger.api.rest;

import java.util.List;

/** {@code PUT /repositories/{name}/-/tag-mutability}. */
public record TagMutabilityRequest(String imageTagMutability, List<String> exclusionFilters) {
}
