package io.tagledger.api.rest;

import java.util.List;

/** {@code POST /repositories}. Mutability defaults to MUTABLE, as in ECR, protection to NONE, and repush to REFUSE. */
public record CreateRepositoryRequest(String name, String imageTagMutability, List<String> exclusionFilters,
                                      String tagProtection, String imageTagRepush) {
}
