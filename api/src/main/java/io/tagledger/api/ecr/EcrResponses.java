package io.tagledger.api.ecr;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tagledger.api.registry.Batch;
import io.tagledger.domain.Manifest;
import io.tagledger.query.messages.CreationTemplateSummary;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.RepositorySettings;
import io.tagledger.query.messages.RepositorySummary;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The response members, as ECR's API reference names them; absent values are omitted. */
final class EcrResponses {

    private EcrResponses() {
    }

    /** AWS JSON timestamps are epoch seconds; written as a plain decimal number, never in exponent notation. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    record ExclusionFilter(String filterType, String filter) {
        static List<ExclusionFilter> of(List<String> patterns) {
            return patterns.isEmpty() ? null : patterns.stream().map(pattern -> new ExclusionFilter("WILDCARD", pattern)).toList();
        }
    }

    record ScanningConfiguration(boolean scanOnPush) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EncryptionConfiguration(String encryptionType, String kmsKey) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Repository(String repositoryArn, String registryId, String repositoryName, String repositoryUri,
                      BigDecimal createdAt, String imageTagMutability, List<ExclusionFilter> imageTagMutabilityExclusionFilters,
                      ScanningConfiguration imageScanningConfiguration, EncryptionConfiguration encryptionConfiguration) {

        /** @param settings {@code null} for the defaults: a repository just deleted has none left in the views */
        static Repository of(RepositorySummary summary, RepositorySettings settings, String registryId, String region) {
            return new Repository(arn(region, registryId, summary.name()), registryId,
                    summary.name(), registryId + ".dkr.ecr." + region + ".amazonaws.com/" + summary.name(),
                    epochSeconds(summary.createdAt()), summary.imageTagMutability().name(),
                    ExclusionFilter.of(summary.exclusionFilters()), new ScanningConfiguration(settings != null && settings.scanOnPush()),
                    settings == null ? new EncryptionConfiguration("AES256", null)
                            : new EncryptionConfiguration(settings.encryptionType(), settings.kmsKey()));
        }

        static String arn(String region, String registryId, String name) {
            return "arn:aws:ecr:" + region + ":" + registryId + ":repository/" + name;
        }
    }

    record RepositoryResult(Repository repository) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DescribeRepositoriesResult(List<Repository> repositories, String nextToken) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PutImageTagMutabilityResult(String registryId, String repositoryName, String imageTagMutability,
                                       List<ExclusionFilter> imageTagMutabilityExclusionFilters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImageId(String imageDigest, String imageTag) {

        static ImageId of(Batch.ImageRef id) {
            return new ImageId(id.digest(), id.tag());
        }
    }

    record Image(String registryId, String repositoryName, ImageId imageId, String imageManifest, String imageManifestMediaType) {
    }

    record PutImageResult(Image image) {
    }

    record ImageFailure(ImageId imageId, String failureCode, String failureReason) {

        static List<ImageFailure> of(Batch<?> batch) {
            return batch.failures().stream().map(failure -> new ImageFailure(
                    new ImageId(failure.selector().digest(), failure.selector().tag()),
                    failure.code().wireName(), failure.reason())).toList();
        }
    }

    record BatchGetImageResult(List<Image> images, List<ImageFailure> failures) {
    }

    record BatchDeleteImageResult(List<ImageId> imageIds, List<ImageFailure> failures) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImageDetail(String registryId, String repositoryName, String imageDigest, List<String> imageTags,
                       Long imageSizeInBytes, BigDecimal imagePushedAt, String imageManifestMediaType) {

        /** An image index has no size of its own in ECR's answers. */
        static ImageDetail of(ImageSummary image, String registryId, String repositoryName) {
            return new ImageDetail(registryId, repositoryName, image.digest(), image.tags().isEmpty() ? null : image.tags(),
                    Manifest.isIndex(image.mediaType()) ? null : image.sizeBytes(), epochSeconds(image.pushedAt()), image.mediaType());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DescribeImagesResult(List<ImageDetail> imageDetails, String nextToken) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListImagesResult(List<ImageId> imageIds, String nextToken) {
    }

    record AuthorizationData(String authorizationToken, BigDecimal expiresAt, String proxyEndpoint) {
    }

    record GetAuthorizationTokenResult(List<AuthorizationData> authorizationData) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Layer(String layerDigest, String layerAvailability, Long layerSize, String mediaType) {
    }

    record LayerFailure(String layerDigest, String failureCode, String failureReason) {
    }

    record BatchCheckLayerAvailabilityResult(List<Layer> layers, List<LayerFailure> failures) {
    }

    record InitiateLayerUploadResult(String uploadId, long partSize) {
    }

    record UploadLayerPartResult(String registryId, String repositoryName, String uploadId, long lastByteReceived) {
    }

    record CompleteLayerUploadResult(String registryId, String repositoryName, String uploadId, String layerDigest) {
    }

    record GetDownloadUrlForLayerResult(String downloadUrl, String layerDigest) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RepositoryCreationTemplate(String prefix, String description, EncryptionConfiguration encryptionConfiguration,
                                      List<Object> resourceTags, String imageTagMutability,
                                      List<ExclusionFilter> imageTagMutabilityExclusionFilters, List<String> appliedFor,
                                      BigDecimal createdAt, BigDecimal updatedAt) {

        static RepositoryCreationTemplate of(CreationTemplateSummary template) {
            return new RepositoryCreationTemplate(template.prefix(), template.description(), new EncryptionConfiguration("AES256", null),
                    List.of(), template.imageTagMutability().name(), ExclusionFilter.of(template.exclusionFilters()),
                    template.appliedFor().stream().map(Enum::name).toList(), epochSeconds(template.createdAt()),
                    epochSeconds(template.updatedAt()));
        }
    }

    record RepositoryCreationTemplateResult(String registryId, RepositoryCreationTemplate repositoryCreationTemplate) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DescribeRepositoryCreationTemplatesResult(String registryId, List<RepositoryCreationTemplate> repositoryCreationTemplates,
                                                     String nextToken) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LifecyclePolicyResult(String registryId, String repositoryName, String lifecyclePolicyText, BigDecimal lastEvaluatedAt) {
    }

    record LifecyclePolicyPreviewStarted(String registryId, String repositoryName, String lifecyclePolicyText, String status) {
    }

    record LifecyclePolicyPreviewAction(String type) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LifecyclePolicyPreviewResult(List<String> imageTags, String imageDigest, BigDecimal imagePushedAt,
                                        LifecyclePolicyPreviewAction action, int appliedRulePriority) {
    }

    record LifecyclePolicyPreviewSummary(int expiringImageTotalCount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GetLifecyclePolicyPreviewResult(String registryId, String repositoryName, String lifecyclePolicyText, String status,
                                           String nextToken, List<LifecyclePolicyPreviewResult> previewResults,
                                           LifecyclePolicyPreviewSummary summary) {
    }

    record RepositoryPolicyResult(String registryId, String repositoryName, String policyText) {
    }

    record Tag(String Key, String Value) {
    }

    record ListTagsForResourceResult(List<Tag> tags) {
    }

    record Empty() {
    }

    record PutImageScanningConfigurationResult(String registryId, String repositoryName, ScanningConfiguration imageScanningConfiguration) {
    }

    record ReplicationConfiguration(List<Object> rules) {
    }

    record DescribeRegistryResult(String registryId, ReplicationConfiguration replicationConfiguration) {
    }
}
