package io.tagledger.api.ecr;

import io.tagledger.domain.RegistryException;

/** ECR's own wording for the domain's refusals, which needs the registry id the domain does not know. */
final class EcrMessages {

    private EcrMessages() {
    }

    static String invalidParameter(String member, String constraint) {
        return "Invalid parameter at '" + member + "' failed to satisfy constraint: '" + constraint + "'";
    }

    static String of(RegistryException e, String registryId) {
        return switch (e.code()) {
            case INVALID_PARAMETER -> invalidParameter(e.field(), e.getMessage());
            case REPOSITORY_ALREADY_EXISTS -> "The repository with name '" + e.repository()
                    + "' already exists in the registry with id '" + registryId + "'";
            case REPOSITORY_NOT_FOUND -> repositoryNotFound(e.repository(), registryId);
            case REPOSITORY_NOT_EMPTY -> "The repository with name '" + e.repository() + "' in registry with id '"
                    + registryId + "' cannot be deleted because it still contains images";
            case IMAGE_ALREADY_EXISTS -> "Image with digest '" + e.digest() + "' and tag '" + (e.tag() == null ? "" : e.tag())
                    + "' already exists in the repository with name '" + e.repository() + "' in registry with id '"
                    + registryId + "'";
            case IMAGE_NOT_FOUND -> imageNotFound(e.digest(), e.tag(), e.repository(), registryId);
            case IMAGE_TAG_ALREADY_EXISTS, IMAGE_DIGEST_DOES_NOT_MATCH, IMAGE_TAG_DOES_NOT_MATCH_DIGEST, TAG_PROTECTED -> e.getMessage();
        };
    }

    static String repositoryNotFound(String repository, String registryId) {
        return "The repository with name '" + repository + "' does not exist in the registry with id '" + registryId + "'";
    }

    static String imageNotFound(String digest, String tag, String repository, String registryId) {
        return "The image with imageId {imageDigest:'" + digest + "', imageTag:'" + tag
                + "'} does not exist within the repository with name '" + repository + "' in the registry with id '"
                + registryId + "'";
    }
}
