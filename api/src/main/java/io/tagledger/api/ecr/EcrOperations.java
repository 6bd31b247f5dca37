package io.tagledger.api.ecr;

import io.tagledger.api.registry.Page;
import io.tagledger.api.registry.PageLimits;
import io.tagledger.api.registry.Registry;
import io.tagledger.api.registry.RegistryQueries;
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
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.DeleteRepository;
import io.tagledger.query.messages.FindManifest;
import io.tagledger.query.messages.ImageIdPage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ListImages;
import io.tagledger.query.messages.ManifestContent;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagStatus;
import io.tagledger.query.messages.TagSummary;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ECR's operations over tagledger's commands and queries. Member validation that the domain's value
 * types do not cover (list sizes, page sizes, enum members of ECR's own shapes) happens here; every
 * rule about repositories, tags and images stays in the domain.
 */
@Component
class EcrOperations {

    static final int MAX_IDS = 100;
    /** Accepted (and not kept: tagledger encrypts nothing itself), but only ECR's own values. */
    static final List<String> ENCRYPTION_TYPES = List.of("AES256", "KMS", "KMS_DSSE");

    private final Registry registry;
    private final RegistryQueries queries;
    private final EcrTokens tokens;
    private final String registryId;

    EcrOperations(Registry registry, RegistryQueries queries, EcrTokens tokens, TagledgerProperties properties) {
        this.registry = registry;
        this.queries = queries;
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
        registry.repository(name, null);
        Set<EcrResponses.ImageId> found = new LinkedHashSet<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (EcrRequests.ImageId id : request.imageIds()) {
            try {
                found.addAll(resolve(name, id));
            } catch (ImageIdFailure failure) {
                failures.add(failure.asFailure(id));
            }
        }
        List<Image> images = new ArrayList<>();
        for (EcrResponses.ImageId id : found) {
            queries.find(new FindManifest(name.value(), id.imageDigest()), ManifestContent.class).ifPresent(content ->
                    images.add(new Image(registryId, name.value(), id, content.manifest(), content.mediaType())));
        }
        return new BatchGetImageResult(images, failures);
    }

    BatchDeleteImageResult batchDeleteImage(EcrRequests.BatchDeleteImage request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        requireSize("imageIds", request.imageIds(), MAX_IDS);
        registry.repository(name, null);
        List<EcrResponses.ImageId> deleted = new ArrayList<>();
        Set<String> deletedDigests = new LinkedHashSet<>();
        Set<String> removedTags = new LinkedHashSet<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (EcrRequests.ImageId id : request.imageIds()) {
            try {
                ImageDigest digest = imageDigest(id);
                ImageTag tag = imageTag(id);
                if (digest == null && tag == null) {
                    throw new ImageIdFailure("MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null");
                }
                // An image already removed by an earlier id of this request is not missing, it is done.
                if (tag != null ? removedTags.contains(tag.value()) : deletedDigests.contains(digest.value())) {
                    continue;
                }
                if (tag != null) {
                    String untagged = registry.untag(name, tag, digest);
                    removedTags.add(tag.value());
                    deleted.add(new EcrResponses.ImageId(untagged, tag.value()));
                } else {
                    List<String> tags = registry.deleteImage(name, digest);
                    deletedDigests.add(digest.value());
                    removedTags.addAll(tags);
                    if (tags.isEmpty()) {
                        deleted.add(new EcrResponses.ImageId(digest.value(), null));
                    }
                    tags.forEach(removed -> deleted.add(new EcrResponses.ImageId(digest.value(), removed)));
                }
            } catch (ImageIdFailure failure) {
                failures.add(failure.asFailure(id));
            } catch (RegistryException e) {
                failures.add(ImageIdFailure.of(e).asFailure(id));
            }
        }
        return new BatchDeleteImageResult(deleted, failures);
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
            Set<String> digests = new LinkedHashSet<>();
            for (EcrRequests.ImageId id : request.imageIds()) {
                try {
                    resolve(name, id).forEach(found -> digests.add(found.imageDigest()));
                } catch (ImageIdFailure failure) {
                    throw id.imageTag() != null
                            ? RegistryException.tagNotFound(name.value(), id.imageTag())
                            : RegistryException.imageNotFound(name.value(), id.imageDigest());
                }
            }
            Map<String, ImageSummary> byDigest = new LinkedHashMap<>();
            registry.findImages(name, digests).forEach(image -> byDigest.put(image.digest(), image));
            return new DescribeImagesResult(digests.stream().map(byDigest::get).filter(image -> image != null)
                    .filter(image -> tagStatus.matches(image.tags())).map(image -> detail(name, image)).toList(), null);
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

    /** The (digest, tag) pairs an image id names: by tag one pair, by digest one per tag (or the digest alone). */
    private List<EcrResponses.ImageId> resolve(RepositoryName name, EcrRequests.ImageId id) {
        ImageDigest digest = imageDigest(id);
        ImageTag tag = imageTag(id);
        if (tag != null) {
            TagSummary found = registry.findTags(name, List.of(tag.value())).stream().findFirst()
                    .orElseThrow(() -> new ImageIdFailure("ImageNotFound", "Requested image not found"));
            if (digest != null && !digest.value().equals(found.digest())) {
                throw new ImageIdFailure("ImageTagDoesNotMatchDigest", "Invalid request parameters: given tag does not map to the given digest");
            }
            return List.of(new EcrResponses.ImageId(found.digest(), found.tag()));
        }
        if (digest == null) {
            throw new ImageIdFailure("MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null");
        }
        ImageSummary image = registry.findImages(name, List.of(digest.value())).stream().findFirst()
                .orElseThrow(() -> new ImageIdFailure("ImageNotFound", "Requested image not found"));
        if (image.tags().isEmpty()) {
            return List.of(new EcrResponses.ImageId(image.digest(), null));
        }
        return image.tags().stream().map(found -> new EcrResponses.ImageId(image.digest(), found)).toList();
    }

    private static ImageDigest imageDigest(EcrRequests.ImageId id) {
        if (id.imageDigest() == null) {
            return null;
        }
        if (!ImageDigest.isDigest(id.imageDigest())) {
            throw new ImageIdFailure("InvalidImageDigest",
                    "Invalid request parameters: image digest should satisfy the regex 'sha256:[a-f0-9]{64}'");
        }
        return ImageDigest.parse(id.imageDigest());
    }

    private static ImageTag imageTag(EcrRequests.ImageId id) {
        if (id.imageTag() == null) {
            return null;
        }
        try {
            return ImageTag.parse(id.imageTag());
        } catch (RegistryException e) {
            throw new ImageIdFailure("InvalidImageTag", "Invalid request parameters: " + e.getMessage());
        }
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

    /** A per-image-id failure of a batch operation, reported in {@code failures} rather than thrown. */
    private static final class ImageIdFailure extends RuntimeException {
        private final String code;

        ImageIdFailure(String code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }

        static ImageIdFailure of(RegistryException e) {
            return switch (e.code()) {
                case IMAGE_NOT_FOUND -> new ImageIdFailure("ImageNotFound", "Requested image not found");
                case IMAGE_TAG_DOES_NOT_MATCH_DIGEST -> new ImageIdFailure("ImageTagDoesNotMatchDigest",
                        "Invalid request parameters: given tag does not map to the given digest");
                case TAG_PROTECTED -> new ImageIdFailure("TagProtected", e.getMessage());
                default -> throw e;
            };
        }

        ImageFailure asFailure(EcrRequests.ImageId id) {
            return new ImageFailure(new EcrResponses.ImageId(id.imageDigest(), id.imageTag()), code, getMessage());
        }
    }
}
