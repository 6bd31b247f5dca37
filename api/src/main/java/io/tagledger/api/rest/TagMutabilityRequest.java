package io.tagledger.api.rest;

import java.util.List;

/**
 * {@code PUT /repositories/{name}/-/tag-mutability}; without {@code tagProtection} the protection stays as it is,
 * and without {@code imageTagRepush} the repush setting.
 */
public record TagMutabilityRequest(String imageTagMutability, List<String> exclusionFilters, String tagProtection,
                                   String imageTagRepush) {
}
