package io.tagledger.api.ecr;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tagledger.api.registry.Batch;
import io.tagledger.domain.Manifest;
import io.tagledger.query.messages.CreationTemplateSummary;
import io.tagledger.query.messages.ImageSummary;
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

    record EncryptionConfiguration(String encryptionType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Repository(String repositoryArn, String registryId, String repositoryName, String repositoryUri,
                      BigDecimal createdAt, String imageTagMutability, List<ExclusionFilter> imageTagMutabilityExclusionFilters,
                      ScanningConfiguration imageScanningConfiguration, EncryptionConfiguration encryptionConfiguration) {

        static Repository of(RepositorySummary summary, String registryId, String region) {
            return new Repository("arn:aws:ecr:" + region + ":" + registryId + ":repository/" + summary.name(), registryId,
                    summary.name(), registryId + ".dkr.ecr." + region + ".amazonaws.com/" + summary.name(),
                    epochSeconds(summary.createdAt()), summary.imageTagMutability().name(),
                    ExclusionFilter.of(summary.exclusionFilters()), new ScanningConfiguration(false),
                    new EncryptionConfiguration("AES256"));
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
            return new RepositoryCreationTemplate(template.prefix(), template.description(), new EncryptionConfiguration("AES256"),
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
}
