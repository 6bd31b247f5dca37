package io.tagledger.api.rest;

import java.util.List;

/**
 * A repository creation template as the REST API takes it: to create one, {@code prefix} and
 * {@code appliedFor} are required; to change one, each member left out keeps its value. {@code trustPolicy}
 * is the one each repository it creates starts with; a mode of {@code OFF} ends it.
 */
record CreationTemplateRequest(String prefix, String description, String imageTagMutability, List<String> exclusionFilters,
                               List<String> appliedFor, TrustPolicyDocument trustPolicy) {
}
