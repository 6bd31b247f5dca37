package io.tagledger.api.rest;

import java.util.List;

/**
 * A repository creation template as the REST API takes it: to create one, {@code prefix} and
 * {@code appliedFor} are required; to change one, each member left out keeps its value.
 */
record CreationTemplateRequest(String prefix, String description, String imageTagMutability, List<String> exclusionFilters,
                               List<String> appliedFor) {
}
