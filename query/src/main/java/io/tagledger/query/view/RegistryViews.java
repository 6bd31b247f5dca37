package io.tagledger.query.view;

import io.tagledger.query.ReadsFrom;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.Manifest;
import io.tagledger.query.messages.FindImages;
import io.tagledger.query.messages.FindManifest;
import io.tagledger.query.messages.FindReferencedBlobs;
import io.tagledger.query.messages.FindReferrers;
import io.tagledger.query.messages.FindRepository;
import io.tagledger.query.messages.FindTags;
import io.tagledger.query.messages.ImageId;
import io.tagledger.query.messages.ImageIdPage;
import io.tagledger.query.messages.ImagePage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ListImageIds;
import io.tagledger.query.messages.ListImages;
import io.tagledger.query.messages.ListRepositories;
import io.tagledger.query.messages.ListTags;
import io.tagledger.query.messages.ManifestContent;
import io.tagledger.query.messages.ReferencedBlobs;
import io.tagledger.query.messages.Referrers;
import io.tagledger.query.messages.RepositoryExists;
import io.tagledger.query.messages.RepositoryPage;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagPage;
import io.tagledger.query.messages.TagStatus;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Answers the queries on the registry views: repositories, images and tags as they are now. */
@Component
public class RegistryViews {

    private final RepositoryEntries repositories;
    private final ImageEntries images;
    private final TagEntries tags;
    private final ManifestCache manifests;

    RegistryViews(RepositoryEntries repositories, ImageEntries images, TagEntries tags, ManifestCache manifests) {
        this.repositories = repositories;
        this.images = images;
        this.tags = tags;
        this.manifests = manifests;
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public Optional<RepositorySummary> handle(FindRepository query) {
        return repositories.find(query.repositoryName()).map(entry -> summarize(List.of(entry)).get(0));
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public Boolean handle(RepositoryExists query) {
        return repositories.exists(query.repositoryName());
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public RepositoryPage handle(ListRepositories query) {
        String after = query.after() == null ? "" : query.after();
        List<RepositoryEntry> found = repositories.page(after, query.nameContains(), query.limit() + 1);
        List<RepositoryEntry> page = found.subList(0, Math.min(found.size(), query.limit()));
        return new RepositoryPage(summarize(page), nextAfter(found, query.limit(), RepositoryEntry::getName));
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public Optional<ImagePage> handle(ListImages query) {
        if (!repositories.exists(query.repositoryName())) {
            return Optional.empty();
        }
        String after = query.after() == null ? "" : query.after();
        int limit = query.limit() + 1;
        List<ImageEntry> found = switch (query.tagStatus()) {
            case TAGGED -> images.taggedPage(query.repositoryName(), after, limit);
            case UNTAGGED -> images.untaggedPage(query.repositoryName(), after, limit);
            case ANY -> images.page(query.repositoryName(), after, limit);
        };
        List<ImageEntry> page = found.subList(0, Math.min(found.size(), query.limit()));
        return Optional.of(new ImagePage(withTags(query.repositoryName(), page), nextAfter(found, query.limit(), ImageEntry::getDigest)));
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public Optional<ImageIdPage> handle(ListImageIds query) {
        if (!repositories.exists(query.repositoryName())) {
            return Optional.empty();
        }
        String afterDigest = query.afterDigest() == null ? "" : query.afterDigest();
        String afterTag = query.afterTag() == null ? "" : query.afterTag();
        int limit = query.limit() + 1;
        List<ImageId> found = new ArrayList<>();
        if (query.tagStatus() != TagStatus.UNTAGGED) {
            tags.pairsAfter(query.repositoryName(), afterDigest, afterTag, limit)
                    .forEach(tag -> found.add(new ImageId(tag.getDigest(), tag.getTag())));
        }
        if (query.tagStatus() != TagStatus.TAGGED) {
            // An untagged image sorts as (digest, ""); it has no pairs of its own digest to tie with.
            images.untaggedPage(query.repositoryName(), afterDigest, limit)
                    .forEach(image -> found.add(new ImageId(image.getDigest(), null)));
        }
        found.sort(Comparator.comparing(ImageId::digest).thenComparing(id -> id.tag() == null ? "" : id.tag()));
        List<ImageId> page = found.subList(0, Math.min(found.size(), query.limit()));
        return Optional.of(new ImageIdPage(List.copyOf(page), found.size() > query.limit() ? page.get(page.size() - 1) : null));
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public Optional<ImagePage> handle(FindImages query) {
        if (!repositories.exists(query.repositoryName())) {
            return Optional.empty();
        }
        List<ImageEntry> found = images.withDigests(query.repositoryName(), query.digests());
        return Optional.of(new ImagePage(withTags(query.repositoryName(), found), null));
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public Optional<TagPage> handle(ListTags query) {
        if (!repositories.exists(query.repositoryName())) {
            return Optional.empty();
        }
        List<TagEntry> found = tags.page(query.repositoryName(), query.after() == null ? "" : query.after(), query.limit() + 1);
        List<TagEntry> page = found.subList(0, Math.min(found.size(), query.limit()));
        return Optional.of(new TagPage(page.stream().map(ViewSummaries::tag).toList(),
                nextAfter(found, query.limit(), TagEntry::getTag)));
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public Optional<TagPage> handle(FindTags query) {
        if (!repositories.exists(query.repositoryName())) {
            return Optional.empty();
        }
        List<TagEntry> found = tags.named(query.repositoryName(), query.tags());
        return Optional.of(new TagPage(found.stream().map(ViewSummaries::tag).toList(), null));
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public Optional<ManifestContent> handle(FindManifest query) {
        Optional<ManifestContent> cached = manifests.get(query.repositoryName(), query.reference());
        if (cached.isPresent()) {
            return cached;
        }
        long version = manifests.version(query.repositoryName());
        String digest = ImageDigest.isDigest(query.reference())
                ? query.reference()
                : tags.find(query.repositoryName(), query.reference()).map(TagEntry::getDigest).orElse(null);
        if (digest == null) {
            return Optional.empty();
        }
        Optional<ManifestContent> found = images.find(query.repositoryName(), digest)
                .map(image -> new ManifestContent(image.getDigest(), image.getMediaType(), image.getManifest()));
        found.ifPresent(content -> manifests.put(query.repositoryName(), query.reference(), version, content));
        return found;
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public Optional<Referrers> handle(FindReferrers query) {
        if (!repositories.exists(query.repositoryName())) {
            return Optional.empty();
        }
        List<Referrers.Referrer> found = new ArrayList<>();
        for (ImageEntry image : images.referring(query.repositoryName(), query.digest())) {
            Referrers.Referrer referrer = ViewSummaries.referrer(image);
            if (query.artifactType() == null || query.artifactType().equals(referrer.artifactType())) {
                found.add(referrer);
            }
        }
        return Optional.of(new Referrers(found));
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REGISTRY_VIEWS)
    public ReferencedBlobs handle(FindReferencedBlobs query) {
        Set<String> digests = new HashSet<>();
        images.all(query.repositoryName()).forEach(image -> digests.addAll(Manifest.referencesOf(image.getManifest()).blobs()));
        return new ReferencedBlobs(digests);
    }

    private List<RepositorySummary> summarize(List<RepositoryEntry> entries) {
        Map<String, Long> counts = images.counts(entries.stream().map(RepositoryEntry::getName).toList());
        return entries.stream().map(entry -> ViewSummaries.repository(entry, counts.getOrDefault(entry.getName(), 0L))).toList();
    }

    private List<ImageSummary> withTags(String repositoryName, List<ImageEntry> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        return ViewSummaries.images(page, tags.pointingTo(repositoryName,
                page.stream().map(ImageEntry::getDigest).toList()));
    }


    private static <T> String nextAfter(List<T> found, int limit, Function<T, String> key) {
        return found.size() > limit ? key.apply(found.get(limit - 1)) : null;
    }
}
