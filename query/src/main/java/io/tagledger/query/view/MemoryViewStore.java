package io.tagledger.query.view;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One repository's registry views in memory, for a point-in-time read; manifests are not kept. */
public class MemoryViewStore implements ViewStore {

    private RepositoryEntry repository;
    private final Map<String, ImageEntry> images = new TreeMap<>();
    private final Map<String, TagEntry> tags = new TreeMap<>();

    public Optional<RepositoryEntry> repository() {
        return Optional.ofNullable(repository);
    }

    /** By digest. */
    public List<ImageEntry> images() {
        return List.copyOf(images.values());
    }

    /** By name. */
    public List<TagEntry> tags() {
        return List.copyOf(tags.values());
    }

    @Override
    public void addRepository(RepositoryEntry repository) {
        this.repository = repository;
    }

    @Override
    public void setTagMutability(String name, TagMutabilityMode mutability, List<String> exclusionFilters, TagProtection protection) {
        repository().filter(entry -> entry.getName().equals(name))
                .ifPresent(entry -> entry.setTagMutability(mutability, exclusionFilters, protection));
    }

    @Override
    public void removeRepository(String name) {
        repository = null;
        images.clear();
        tags.clear();
    }

    @Override
    public boolean hasImage(String repositoryName, String digest) {
        return images.containsKey(digest);
    }

    @Override
    public void addImage(ImageEntry image) {
        images.put(image.getDigest(), new ImageEntry(image.getRepositoryName(), image.getDigest(), image.getMediaType(),
                image.getSizeBytes(), image.getPushedAt(), null, image.getSubject()));
    }

    @Override
    public void removeImage(String repositoryName, String digest) {
        images.remove(digest);
    }

    @Override
    public void pointTag(String repositoryName, String tag, String digest, Instant at) {
        TagEntry entry = tags.get(tag);
        if (entry == null) {
            tags.put(tag, new TagEntry(repositoryName, tag, digest, at));
        } else {
            entry.pointTo(digest, at);
        }
    }

    @Override
    public void removeTag(String repositoryName, String tag) {
        tags.remove(tag);
    }
}
