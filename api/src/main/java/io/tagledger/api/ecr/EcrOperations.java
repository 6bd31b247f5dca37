package io.tagledger.api.ecr;

import io.tagledger.api.registry.Batch;
import io.tagledger.api.registry.ImageSelector;
import io.tagledger.api.registry.Page;
import io.tagledger.api.registry.PageLimits;
import io.tagledger.api.registry.Registry;
import io.tagledger.api.config.TagledgerProperties;
import io.tagledger.api.ecr.EcrResponses.BatchDeleteImageResult;
import io.tagledger.api.ecr.EcrResponses.BatchGetImageResult;
import io.tagledger.api.ecr.EcrResponses.DescribeImagesResult;
import io.tagledger.api.ecr.EcrResponses.DescribeRepositoriesResult;
import io.tagledger.api.ecr.EcrResponses.Image;
import io.tagledger.api.ecr.EcrResponses.ImageDetail;
import io.tagledger.api.ecr.EcrResponses.ImageFailure;
import io.tagledger.api.ecr.EcrResponses.ListImagesResult;
import io.tagledger.api.ecr.EcrResponses.PutImageResult;
import io.tagledger.api.ecr.EcrResponses.PutImageTagMutabilityResult;
import io.tagledger.api.ecr.EcrResponses.Repository;
import io.tagledger.api.ecr.EcrResponses.RepositoryResult;
import io.tagledger.domain.ErrorCode;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.DeleteRepository;
import io.tagledger.query.messages.ImageIdPage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ListImages;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagStatus;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * ECR's operations, as an adapter: each reads ECR's members into domain values (and checks what only
 * ECR's shapes say: list sizes, the registry id, filter types), calls the {@link Registry}, and maps
 * the answer to ECR's shapes. Batch semantics, reference resolution and paging are the Registry's.
 */
@Component
class EcrOperations {

    static final int MAX_IDS = 100;
    /** Accepted (and not kept: tagledger encrypts nothing itself), but only ECR's own values. */
    static final List<String> ENCRYPTION_TYPES = List.of("AES256", "KMS", "KMS_DSSE");

    private final Registry registry;
    private final EcrTokens tokens;
    private final String registryId;

    EcrOperations(Registry registry, EcrTokens tokens, TagledgerProperties properties) {
        this.registry = registry;
        this.tokens = tokens;
        this.registryId = properties.ecr().registryId();
    }

    RepositoryResult createRepository(EcrRequests.CreateRepository request, String region) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        if (request.encryptionConfiguration() != null
                && !ENCRYPTION_TYPES.contains(request.encryptionConfiguration().encryptionType())) {
            throw EcrException.invalidParameter("encryptionConfiguration.encryptionType",
                    "Member must satisfy enum value set: " + ENCRYPTION_TYPES);
        }
        TagMutability mutability = TagMutability.onCreation(request.imageTagMutability(),
                filterPatterns(request.imageTagMutabilityExclusionFilters()));
        return new RepositoryResult(repository(registry.create(name, mutability, null), region));
    }

    DescribeRepositoriesResult describeRepositories(EcrRequests.DescribeRepositories request, String region) {
        if (request.repositoryNames() != null) {
            if (request.nextToken() != null || request.maxResults() != null) {
                throw EcrException.invalidParameter("repositoryNames",
                        "nextToken and maxResults cannot be used together with repositoryNames");
            }
            requireSize("repositoryNames", request.repositoryNames(), MAX_IDS);
            List<Repository> repositories = new ArrayList<>();
            for (String text : new LinkedHashSet<>(request.repositoryNames())) {
                repositories.add(repository(registry.repository(repositoryName(request.registryId(), text), null), region));
            }
            return new DescribeRepositoriesResult(repositories, null);
        }
        int limit = PageLimits.of("maxResults", request.maxResults());
        String after = request.nextToken() == null ? null : tokens.decode(request.nextToken(), "DescribeRepositories", 1).get(0);
        if (!isThisRegistry(request.registryId())) {
            return new DescribeRepositoriesResult(List.of(), null);
        }
        Page<RepositorySummary> page = registry.repositories(limit, after);
        return new DescribeRepositoriesResult(page.items().stream().map(summary -> repository(summary, region)).toList(),
                page.nextAfter() == null ? null : tokens.encode("DescribeRepositories", page.nextAfter()));
    }

    RepositoryResult deleteRepository(EcrRequests.DeleteRepository request, String region) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        return new RepositoryResult(repository(registry.delete(name, Boolean.TRUE.equals(request.force())), region));
    }

    PutImageTagMutabilityResult putImageTagMutability(EcrRequests.PutImageTagMutability request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        TagMutability mutability = TagMutability.parse(request.imageTagMutability(),
                filterPatterns(request.imageTagMutabilityExclusionFilters()));
        registry.setTagMutability(name, mutability, null);
        return new PutImageTagMutabilityResult(registryId, name.value(), mutability.mode().name(),
                EcrResponses.ExclusionFilter.of(mutability.filterPatterns()));
    }

    PutImageResult putImage(EcrRequests.PutImage request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        if (request.imageManifest() == null) {
            throw EcrException.invalidParameter("imageManifest", "Member must not be null");
        }
        ImageTag tag = request.imageTag() == null ? null : ImageTag.parse(request.imageTag());
        ImageDigest expected = request.imageDigest() == null ? null : ImageDigest.parse(request.imageDigest());
        Manifest manifest = Manifest.parse(request.imageManifest(), request.imageManifestMediaType());
        registry.push(name, manifest, tag, expected);
        return new PutImageResult(new Image(registryId, name.value(),
                new EcrResponses.ImageId(manifest.digest().value(), tag == null ? null : tag.value()),
                manifest.content(), manifest.mediaType()));
    }

    BatchGetImageResult batchGetImage(EcrRequests.BatchGetImage request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        requireSize("imageIds", request.imageIds(), MAX_IDS);
        if (request.acceptedMediaTypes() != null) {
            requireSize("acceptedMediaTypes", request.acceptedMediaTypes(), MAX_IDS);
        }
        Batch<Batch.Found> batch = registry.batchGet(name, selectors(request.imageIds()));
        return new BatchGetImageResult(batch.done().stream().map(found -> new Image(registryId, name.value(), imageId(found.id()),
                found.manifest(), found.mediaType())).toList(), failures(batch));
    }

    BatchDeleteImageResult batchDeleteImage(EcrRequests.BatchDeleteImage request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        requireSize("imageIds", request.imageIds(), MAX_IDS);
        Batch<Batch.ImageRef> batch = registry.batchDelete(name, selectors(request.imageIds()));
        return new BatchDeleteImageResult(batch.done().stream().map(EcrOperations::imageId).toList(), failures(batch));
    }

    DescribeImagesResult describeImages(EcrRequests.DescribeImages request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        TagStatus tagStatus = TagStatus.parse("filter.tagStatus", request.filter() == null ? null : request.filter().tagStatus());
        registry.repository(name, null);
        if (request.imageIds() != null) {
            if (request.nextToken() != null || request.maxResults() != null) {
                throw EcrException.invalidParameter("imageIds", "nextToken and maxResults cannot be used together with imageIds");
            }
            requireSize("imageIds", request.imageIds(), MAX_IDS);
            return new DescribeImagesResult(registry.describe(name, selectors(request.imageIds()), tagStatus).stream()
                    .map(image -> detail(name, image)).toList(), null);
        }
        int limit = PageLimits.of("maxResults", request.maxResults());
        String after = request.nextToken() == null ? null : tokens.decode(request.nextToken(), "DescribeImages " + name.value() + " " + tagStatus, 1).get(0);
        Page<ImageSummary> page = registry.images(name, tagStatus, limit, after, null);
        return new DescribeImagesResult(page.items().stream().map(image -> detail(name, image)).toList(),
                page.nextAfter() == null ? null : tokens.encode("DescribeImages " + name.value() + " " + tagStatus, page.nextAfter()));
    }

    ListImagesResult listImages(EcrRequests.ListImages request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        TagStatus tagStatus = TagStatus.parse("filter.tagStatus", request.filter() == null ? null : request.filter().tagStatus());
        int limit = PageLimits.of("maxResults", request.maxResults());
        List<String> after = request.nextToken() == null ? List.of("", "") : tokens.decode(request.nextToken(), "ListImages " + name.value() + " " + tagStatus, 2);
        ImageIdPage page = registry.imageIds(name, tagStatus, limit, after.get(0), after.get(1));
        return new ListImagesResult(page.items().stream().map(id -> new EcrResponses.ImageId(id.digest(), id.tag())).toList(),
                page.next() == null ? null
                        : tokens.encode("ListImages " + name.value() + " " + tagStatus, page.next().digest(), page.next().tag() == null ? "" : page.next().tag()));
    }

    private RepositoryName repositoryName(String requestedRegistryId, String text) {
        if (text == null) {
            throw EcrException.invalidParameter("repositoryName", "Member must not be null");
        }
        RepositoryName name = RepositoryName.parse(text);
        if (!isThisRegistry(requestedRegistryId)) {
            throw new EcrException(HttpStatus.BAD_REQUEST, ErrorCode.REPOSITORY_NOT_FOUND.ecrName(),
                    EcrMessages.repositoryNotFound(name.value(), requestedRegistryId));
        }
        return name;
    }

    private boolean isThisRegistry(String requestedRegistryId) {
        if (requestedRegistryId == null) {
            return true;
        }
        if (!requestedRegistryId.matches("[0-9]{12}")) {
            throw EcrException.invalidParameter("registryId", "Member must satisfy regular expression pattern: [0-9]{12}");
        }
        return requestedRegistryId.equals(registryId);
    }

    /** ECR's filter shapes, as the patterns the domain takes: every filter is a WILDCARD, and a list given holds one at least. */
    private static List<String> filterPatterns(List<EcrRequests.ExclusionFilter> filters) {
        if (filters == null) {
            return null;
        }
        if (filters.isEmpty()) {
            throw EcrException.invalidParameter("imageTagMutabilityExclusionFilters", "Member must have length greater than or equal to 1");
        }
        List<String> patterns = new ArrayList<>();
        for (EcrRequests.ExclusionFilter filter : filters) {
            if (filter == null || !"WILDCARD".equals(filter.filterType())) {
                throw EcrException.invalidParameter("imageTagMutabilityExclusionFilters.member.filterType",
                        "Member must satisfy enum value set: [WILDCARD]");
            }
            patterns.add(filter.filter());
        }
        return patterns;
    }

    private static void requireSize(String member, List<?> list, int max) {
        if (list == null) {
            throw EcrException.invalidParameter(member, "Member must not be null");
        }
        if (list.isEmpty()) {
            throw EcrException.invalidParameter(member, "Member must have length greater than or equal to 1");
        }
        if (list.size() > max) {
            throw EcrException.invalidParameter(member, "Member must have length less than or equal to " + max);
        }
    }

    private Repository repository(RepositorySummary summary, String region) {
        return new Repository(
                "arn:aws:ecr:" + region + ":" + registryId + ":repository/" + summary.name(),
                registryId,
                summary.name(),
                registryId + ".dkr.ecr." + region + ".amazonaws.com/" + summary.name(),
                EcrResponses.epochSeconds(summary.createdAt()),
                summary.imageTagMutability().name(),
                EcrResponses.ExclusionFilter.of(summary.exclusionFilters()),
                new EcrResponses.ScanningConfiguration(false),
                new EcrResponses.EncryptionConfiguration("AES256"));
    }

    private ImageDetail detail(RepositoryName name, ImageSummary image) {
        return new ImageDetail(registryId, name.value(), image.digest(), image.tags().isEmpty() ? null : image.tags(),
                Manifest.isIndex(image.mediaType()) ? null : image.sizeBytes(),
                EcrResponses.epochSeconds(image.pushedAt()), image.mediaType());
    }

    private static List<ImageSelector> selectors(List<EcrRequests.ImageId> ids) {
        return ids.stream().map(id -> new ImageSelector(id.imageDigest(), id.imageTag())).toList();
    }

    private static EcrResponses.ImageId imageId(Batch.ImageRef id) {
        return new EcrResponses.ImageId(id.digest(), id.tag());
    }

    private static List<ImageFailure> failures(Batch<?> batch) {
        return batch.failures().stream().map(entry -> new ImageFailure(
                new EcrResponses.ImageId(entry.selector().digest(), entry.selector().tag()),
                entry.failure().code(), entry.reason())).toList();
    }
}
