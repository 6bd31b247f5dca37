package io.tagledger.api.ecr;

import java.util.List;

/** The request members of the operations tagledger serves, as ECR's API reference names them. */
final class EcrRequests {

    private EcrRequests() {
    }

    record ExclusionFilter(String filterType, String filter) {
    }

    record ImageId(String imageDigest, String imageTag) {
    }

    record ImageFilter(String tagStatus) {
    }

    record ResourceTag(String Key, String Value) {
    }

    record ImageScanningConfiguration(Boolean scanOnPush) {
    }

    record EncryptionConfiguration(String encryptionType, String kmsKey) {
    }

    record CreateRepository(String registryId, String repositoryName, String imageTagMutability,
                            List<ExclusionFilter> imageTagMutabilityExclusionFilters, List<ResourceTag> tags,
                            ImageScanningConfiguration imageScanningConfiguration, EncryptionConfiguration encryptionConfiguration) {
    }

    record DescribeRepositories(String registryId, List<String> repositoryNames, String nextToken, Integer maxResults) {
    }

    record DeleteRepository(String registryId, String repositoryName, Boolean force) {
    }

    record PutImageTagMutability(String registryId, String repositoryName, String imageTagMutability,
                                 List<ExclusionFilter> imageTagMutabilityExclusionFilters) {
    }

    record PutImage(String registryId, String repositoryName, String imageManifest, String imageManifestMediaType,
                    String imageTag, String imageDigest) {
    }

    record BatchGetImage(String registryId, String repositoryName, List<ImageId> imageIds, List<String> acceptedMediaTypes) {
    }

    record BatchDeleteImage(String registryId, String repositoryName, List<ImageId> imageIds) {
    }

    record DescribeImages(String registryId, String repositoryName, List<ImageId> imageIds, String nextToken,
                          Integer maxResults, ImageFilter filter) {
    }

    record ListImages(String registryId, String repositoryName, String nextToken, Integer maxResults, ImageFilter filter) {
    }
}
