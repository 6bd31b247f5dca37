package io.tagledger.query.view;


import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Registry views in memory: every repository, for a rebuild, or the fold of some events without
 * manifests, which the history view's tests take as the truth of an instant. Like the database's views, images and tags are kept by repository
 * name whether or not the repository itself is there.
 */
public class MemoryViewStore implements ViewStore {

    private final boolean keepManifests;
    private final Map<String, Held> repositories = new TreeMap<>();

    /** What is held of one repository name. */
    static final class Held {

        RepositoryEntry repository;
        final Map<String, ImageEntry> images = new TreeMap<>();
        final Map<String, TagEntry> tags = new TreeMap<>();
    }

    /** Without manifests, which a point-in-time read does not answer. */
    public MemoryViewStore() {
        this(false);
    }

    private MemoryViewStore(boolean keepManifests) {
        this.keepManifests = keepManifests;
    }

    /** With manifests: the views as the database keeps them, for a rebuild. */
    public static MemoryViewStore keepingManifests() {
        return new MemoryViewStore(true);
    }

    public Optional<RepositoryEntry> repository(String name) {
        return Optional.ofNullable(repositories.get(name)).map(held -> held.repository);
    }

    /** By digest. */
    public List<ImageEntry> images(String repositoryName) {
        Held held = repositories.get(repositoryName);
        return held == null ? List.of() : List.copyOf(held.images.values());
    }

    /** By name. */
    public List<TagEntry> tags(String repositoryName) {
        Held held = repositories.get(repositoryName);
        return held == null ? List.of() : List.copyOf(held.tags.values());
    }

    /** The images and tags held. */
    public int size() {
        int size = 0;
        for (Held held : repositories.values()) {
            size += held.images.size() + held.tags.size();
        }
        return size;
    }

    /** Everything held, by repository name. */
    Collection<Held> held() {
        return repositories.values();
    }

    private Held of(String repositoryName) {
        return repositories.computeIfAbsent(repositoryName, name -> new Held());
    }

    @Override
    public void addRepository(RepositoryEntry repository) {
        of(repository.getName()).repository = repository;
    }

    @Override
    public void setRules(String name, RepositoryRules rules) {
        repository(name).ifPresent(entry -> entry.setRules(rules));
    }

    @Override
    public void removeRepository(String name) {
        repositories.remove(name);
    }

    @Override
    public boolean hasImage(String repositoryName, String digest) {
        Held held = repositories.get(repositoryName);
        return held != null && held.images.containsKey(digest);
    }

    @Override
    public void addImage(ImageEntry image) {
        of(image.getRepositoryName()).images.put(image.getDigest(), keepManifests ? image
                : new ImageEntry(image.getRepositoryName(), image.getDigest(), image.getMediaType(), image.getSizeBytes(),
                image.getPushedAt(), null, image.getSubject()));
    }

    @Override
    public void removeImage(String repositoryName, String digest) {
        Held held = repositories.get(repositoryName);
        if (held != null) {
            held.images.remove(digest);
        }
    }

    @Override
    public void pointTag(String repositoryName, String tag, String digest, Instant at) {
        TagEntry entry = of(repositoryName).tags.get(tag);
        if (entry == null) {
            of(repositoryName).tags.put(tag, new TagEntry(repositoryName, tag, digest, at));
        } else {
            entry.pointTo(digest, at);
        }
    }

    @Override
    public void removeTag(String repositoryName, String tag) {
        Held held = repositories.get(repositoryName);
        if (held != null) {
            held.tags.remove(tag);
        }
    }
}
