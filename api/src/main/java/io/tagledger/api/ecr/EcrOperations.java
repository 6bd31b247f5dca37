package io.tagledger.api.ecr;

import io.tagledger.api.ecr.EcrResponses.BatchDeleteImageResult;
import io.tagledger.api.ecr.EcrResponses.BatchGetImageResult;
import io.tagledger.api.ecr.EcrResponses.DescribeImagesResult;
import io.tagledger.api.ecr.EcrResponses.DescribeRepositoriesResult;
import io.tagledger.api.ecr.EcrResponses.Image;
import io.tagledger.api.ecr.EcrResponses.ImageDetail;
import io.tagledger.api.ecr.EcrResponses.ImageFailure;
import io.tagledger.api.ecr.EcrResponses.ImageId;
import io.tagledger.api.ecr.EcrResponses.ListImagesResult;
import io.tagledger.api.ecr.EcrResponses.PutImageResult;
import io.tagledger.api.ecr.EcrResponses.PutImageTagMutabilityResult;
import io.tagledger.api.ecr.EcrResponses.Repository;
import io.tagledger.api.ecr.EcrResponses.RepositoryResult;
import io.tagledger.api.registry.Batch;
import io.tagledger.api.registry.Blobs;
import io.tagledger.api.registry.CreationTemplates;
import io.tagledger.api.registry.ImageBatches;
import io.tagledger.api.registry.ImageSelector;
import io.tagledger.api.registry.Images;
import io.tagledger.api.registry.Page;
import io.tagledger.api.registry.PageRequest;
import io.tagledger.api.registry.Repositories;
import io.tagledger.api.security.Identity;
import io.tagledger.api.security.RegistryTokens;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.domain.BlobDigest;
import io.tagledger.domain.EncryptionConfiguration;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.TemplateUse;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.PushImage;
import io.tagledger.query.messages.CreationTemplateSummary;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.RepositorySettings;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagStatus;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * ECR's operations, as an adapter: each reads ECR's members into domain values ({@link EcrRequests}
 * checks what only ECR's shapes say), calls the application layer ({@link Repositories}, {@link Images}, {@link ImageBatches}), and maps the answer to ECR's shapes.
 */
@Component
class EcrOperations {

    /** The part size an upload is told to use: its base64 form within the default request size limit. */
    static final long PART_SIZE = 5L * 1024 * 1024;

    private final Repositories repositories;
    private final Images images;
    private final ImageBatches batches;
    private final CreationTemplates templates;
    private final Blobs blobs;
    private final RegistryTokens tokens;
    private final String registryId;

    EcrOperations(Repositories repositories, Images images, ImageBatches batches, CreationTemplates templates, Blobs blobs, RegistryTokens tokens, TagledgerProperties properties) {
        this.repositories = repositories;
        this.images = images;
        this.batches = batches;
        this.templates = templates;
        this.blobs = blobs;
        this.tokens = tokens;
        this.registryId = properties.ecr().registryId();
    }

    EcrResponses.BatchCheckLayerAvailabilityResult batchCheckLayerAvailability(EcrRequests.BatchCheckLayerAvailability request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        EcrRequests.requireSize("layerDigests", request.layerDigests());
        List<EcrResponses.Layer> layers = new ArrayList<>();
        List<EcrResponses.LayerFailure> failures = new ArrayList<>();
        for (String digest : request.layerDigests()) {
            if (!BlobDigest.isDigest(digest)) {
                failures.add(new EcrResponses.LayerFailure(digest, "InvalidLayerDigest", "Invalid layer digest"));
                continue;
            }
            Long size = blobs.sizeIfPresent(name, BlobDigest.parse(digest));
            layers.add(new EcrResponses.Layer(digest, size == null ? "UNAVAILABLE" : "AVAILABLE", size, null));
        }
        return new EcrResponses.BatchCheckLayerAvailabilityResult(layers, failures);
    }

    EcrResponses.InitiateLayerUploadResult initiateLayerUpload(EcrRequests.InitiateLayerUpload request) throws IOException {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        return new EcrResponses.InitiateLayerUploadResult(blobs.startUpload(name), PART_SIZE);
    }

    EcrResponses.UploadLayerPartResult uploadLayerPart(EcrRequests.UploadLayerPart request) throws IOException {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        EcrRequests.requireMember("uploadId", request.uploadId());
        EcrRequests.requireMember("partFirstByte", request.partFirstByte());
        EcrRequests.requireMember("partLastByte", request.partLastByte());
        EcrRequests.requireMember("layerPartBlob", request.layerPartBlob());
        byte[] part = request.layerPartBlob();
        long size = blobs.append(name, request.uploadId(), request.partFirstByte(), new ByteArrayInputStream(part),
                request.partLastByte() - request.partFirstByte() + 1);
        return new EcrResponses.UploadLayerPartResult(registryId, name.value(), request.uploadId(), size - 1);
    }

    EcrResponses.CompleteLayerUploadResult completeLayerUpload(EcrRequests.CompleteLayerUpload request) throws IOException {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        EcrRequests.requireMember("uploadId", request.uploadId());
        EcrRequests.requireSize("layerDigests", request.layerDigests());
        BlobDigest digest = BlobDigest.parse(request.layerDigests().get(0));
        blobs.complete(name, request.uploadId(), digest, -1, InputStream.nullInputStream(), 0);
        return new EcrResponses.CompleteLayerUploadResult(registryId, name.value(), request.uploadId(), digest.value());
    }

    EcrResponses.GetDownloadUrlForLayerResult getDownloadUrlForLayer(EcrRequests.GetDownloadUrlForLayer request, String endpoint) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        EcrRequests.requireMember("layerDigest", request.layerDigest());
        BlobDigest digest = BlobDigest.parse(request.layerDigest());
        blobs.size(name, digest);
        return new EcrResponses.GetDownloadUrlForLayerResult(endpoint + "/v2/" + name.value() + "/blobs/" + digest.value(), digest.value());
    }

    /** A registry login for the caller, as {@code aws ecr get-login-password} asks for it: {@code AWS} and a time-limited password. */
    EcrResponses.GetAuthorizationTokenResult getAuthorizationToken(String endpoint) {
        RegistryTokens.Issued issued = tokens.issue(Identity.current());
        String token = Base64.getEncoder().encodeToString((RegistryTokens.USER + ":" + issued.password()).getBytes(StandardCharsets.UTF_8));
        return new EcrResponses.GetAuthorizationTokenResult(List.of(
                new EcrResponses.AuthorizationData(token, EcrResponses.epochSeconds(issued.expiresAt()), endpoint)));
    }

    EcrResponses.RepositoryCreationTemplateResult createRepositoryCreationTemplate(EcrRequests.CreationTemplateMembers request) {
        TemplatePrefix prefix = TemplatePrefix.parse(request.prefix());
        request.checkKept();
        EcrRequests.requireMember("appliedFor", request.appliedFor());
        TagMutability mutability = TagMutability.onCreation(request.imageTagMutability(),
                EcrRequests.filterPatterns(request.imageTagMutabilityExclusionFilters()));
        return templateResult(templates.create(prefix, request.description(), mutability, TemplateUse.parseAll(request.appliedFor()), null));
    }

    EcrResponses.RepositoryCreationTemplateResult updateRepositoryCreationTemplate(EcrRequests.CreationTemplateMembers request) {
        TemplatePrefix prefix = TemplatePrefix.parse(request.prefix());
        request.checkKept();
        List<String> filters = EcrRequests.filterPatterns(request.imageTagMutabilityExclusionFilters());
        TagMutability mutability = request.imageTagMutability() == null && filters == null ? null
                : TagMutability.parse(request.imageTagMutability(), filters);
        return templateResult(templates.update(prefix, request.description(), mutability,
                request.appliedFor() == null ? null : TemplateUse.parseAll(request.appliedFor()), null));
    }

    EcrResponses.DescribeRepositoryCreationTemplatesResult describeRepositoryCreationTemplates(
            EcrRequests.DescribeRepositoryCreationTemplates request) {
        List<TemplatePrefix> prefixes = request.prefixes() == null ? List.of()
                : request.prefixes().stream().map(TemplatePrefix::parse).toList();
        if (request.prefixes() != null) {
            EcrRequests.requireSize("prefixes", request.prefixes());
        }
        Page<CreationTemplateSummary> page = templates.templates(prefixes,
                PageRequest.of("maxResults", request.maxResults(), "nextToken", request.nextToken()));
        return new EcrResponses.DescribeRepositoryCreationTemplatesResult(registryId,
                page.items().stream().map(EcrResponses.RepositoryCreationTemplate::of).toList(), page.nextToken());
    }

    EcrResponses.RepositoryCreationTemplateResult deleteRepositoryCreationTemplate(EcrRequests.DeleteRepositoryCreationTemplate request) {
        return templateResult(templates.delete(TemplatePrefix.parse(request.prefix())));
    }

    private EcrResponses.RepositoryCreationTemplateResult templateResult(CreationTemplateSummary template) {
        return new EcrResponses.RepositoryCreationTemplateResult(registryId, EcrResponses.RepositoryCreationTemplate.of(template));
    }

    RepositoryResult createRepository(EcrRequests.CreateRepository request, String region) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        TagMutability mutability = TagMutability.onCreation(request.imageTagMutability(),
                EcrRequests.filterPatterns(request.imageTagMutabilityExclusionFilters()));
        EcrRequests.EncryptionConfiguration encryption = request.encryptionConfiguration();
        RepositorySummary created = repositories.create(new CreateRepository(name, mutability, null, null,
                request.tags() == null ? null : EcrRequests.resourceTags("tags", request.tags()),
                request.imageScanningConfiguration() != null && Boolean.TRUE.equals(request.imageScanningConfiguration().scanOnPush()),
                encryption == null ? null : new EncryptionConfiguration(encryption.encryptionType(), encryption.kmsKey())));
        return new RepositoryResult(repository(created, region));
    }

    DescribeRepositoriesResult describeRepositories(EcrRequests.DescribeRepositories request, String region) {
        if (request.repositoryNames() != null) {
            EcrRequests.requireNoPaging("repositoryNames", request.nextToken(), request.maxResults());
            EcrRequests.requireSize("repositoryNames", request.repositoryNames());
            return new DescribeRepositoriesResult(new LinkedHashSet<>(request.repositoryNames()).stream()
                    .map(text -> repositories.repository(repositoryName(request.registryId(), text), null))
                    .map(summary -> repository(summary, region)).toList(), null);
        }
        PageRequest page = PageRequest.of("maxResults", request.maxResults(), "nextToken", request.nextToken());
        if (!isThisRegistry(request.registryId())) {
            return new DescribeRepositoriesResult(List.of(), null);
        }
        Page<RepositorySummary> found = repositories.repositories(page);
        Map<String, RepositorySettings> settings = repositories.settings(found.items().stream().map(RepositorySummary::name).toList());
        return new DescribeRepositoriesResult(found.items().stream()
                .map(summary -> Repository.of(summary, settings.get(summary.name()), registryId, region)).toList(), found.nextToken());
    }

    RepositoryResult deleteRepository(EcrRequests.DeleteRepository request, String region) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        Map<String, RepositorySettings> settings = repositories.settings(List.of(name.value()));
        RepositorySummary deleted = repositories.delete(name, Boolean.TRUE.equals(request.force()));
        return new RepositoryResult(Repository.of(deleted, settings.get(name.value()), registryId, region));
    }

    PutImageTagMutabilityResult putImageTagMutability(EcrRequests.PutImageTagMutability request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        TagMutability mutability = TagMutability.parse(request.imageTagMutability(),
                EcrRequests.filterPatterns(request.imageTagMutabilityExclusionFilters()));
        repositories.setTagMutability(name, mutability, null, null);
        return new PutImageTagMutabilityResult(registryId, name.value(), mutability.mode().name(),
                EcrResponses.ExclusionFilter.of(mutability.filterPatterns()));
    }

    PutImageResult putImage(EcrRequests.PutImage request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        EcrRequests.requireMember("imageManifest", request.imageManifest());
        ImageTag tag = request.imageTag() == null ? null : ImageTag.parse(request.imageTag());
        ImageDigest expected = request.imageDigest() == null ? null : ImageDigest.parse(request.imageDigest());
        Manifest manifest = Manifest.parse(request.imageManifest(), request.imageManifestMediaType());
        images.push(name, manifest, tag, expected, PushImage.Repeat.REFUSED);
        return new PutImageResult(new Image(registryId, name.value(), new ImageId(manifest.digest().value(),
                tag == null ? null : tag.value()), manifest.content(), manifest.mediaType()));
    }

    BatchGetImageResult batchGetImage(EcrRequests.BatchGetImage request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        EcrRequests.requireSize("imageIds", request.imageIds());
        if (request.acceptedMediaTypes() != null) {
            EcrRequests.requireSize("acceptedMediaTypes", request.acceptedMediaTypes());
        }
        Batch<Batch.Found> batch = batches.get(name, selectors(request.imageIds()));
        return new BatchGetImageResult(batch.done().stream().map(found -> new Image(registryId, name.value(),
                ImageId.of(found.id()), found.manifest(), found.mediaType())).toList(), ImageFailure.of(batch));
    }

    BatchDeleteImageResult batchDeleteImage(EcrRequests.BatchDeleteImage request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        EcrRequests.requireSize("imageIds", request.imageIds());
        Batch<Batch.ImageRef> batch = batches.delete(name, selectors(request.imageIds()));
        return new BatchDeleteImageResult(batch.done().stream().map(ImageId::of).toList(), ImageFailure.of(batch));
    }

    DescribeImagesResult describeImages(EcrRequests.DescribeImages request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        TagStatus tagStatus = TagStatus.parse("filter.tagStatus", request.filter() == null ? null : request.filter().tagStatus());
        if (request.imageIds() != null) {
            EcrRequests.requireNoPaging("imageIds", request.nextToken(), request.maxResults());
            EcrRequests.requireSize("imageIds", request.imageIds());
            return new DescribeImagesResult(details(name, batches.describe(name, selectors(request.imageIds()), tagStatus)), null);
        }
        Page<ImageSummary> page = images.images(name, tagStatus,
                PageRequest.of("maxResults", request.maxResults(), "nextToken", request.nextToken()), null);
        return new DescribeImagesResult(details(name, page.items()), page.nextToken());
    }

    ListImagesResult listImages(EcrRequests.ListImages request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        TagStatus tagStatus = TagStatus.parse("filter.tagStatus", request.filter() == null ? null : request.filter().tagStatus());
        var page = images.imageIds(name, tagStatus, PageRequest.of("maxResults", request.maxResults(), "nextToken", request.nextToken()));
        return new ListImagesResult(page.items().stream().map(id -> new ImageId(id.digest(), id.tag())).toList(), page.nextToken());
    }

    private Repository repository(RepositorySummary summary, String region) {
        return Repository.of(summary, repositories.settings(List.of(summary.name())).get(summary.name()), registryId, region);
    }

    /** A name in another registry is one this registry does not have, as ECR says. */
    private RepositoryName repositoryName(String requestedRegistryId, String text) {
        EcrRequests.requireMember("repositoryName", text);
        RepositoryName name = RepositoryName.parse(text);
        if (!isThisRegistry(requestedRegistryId)) {
            throw RegistryException.of(Refusal.REPOSITORY_NOT_FOUND, "repository", name.value(), "registry", requestedRegistryId);
        }
        return name;
    }

    private boolean isThisRegistry(String requestedRegistryId) {
        return requestedRegistryId == null || EcrRequests.registryId(requestedRegistryId).equals(registryId);
    }

    private List<ImageDetail> details(RepositoryName name, List<ImageSummary> images) {
        return images.stream().map(image -> ImageDetail.of(image, registryId, name.value())).toList();
    }

    private static List<ImageSelector> selectors(List<EcrRequests.ImageId> ids) {
        return ids.stream().map(id -> new ImageSelector(id.imageDigest(), id.imageTag())).toList();
    }
}
