package io.tagledger.query.view;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tagledger.query.AfterCommit;
import io.tagledger.query.messages.ManifestContent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manifests by (repository, tag or digest), served from memory: what the registry views answered,
 * kept up to a bound on their size in bytes. What goes first when the bound is reached is Caffeine's
 * choice: the entries least likely to be asked again, by how recently and how often they were.
 *
 * <p>Never stale: each repository has a version, which the ledger writer moves on after every commit
 * that changed the repository, before any write of that commit is answered ({@link AfterCommit}). An
 * entry counts only at the version it was read at, and a reader takes the version before it reads the
 * views: a read that raced a commit is kept at the old version, and never served.
 */
public final class ManifestCache implements AfterCommit {

    private static final int ENTRY_OVERHEAD = 200;

    private final Cache<Key, Entry> entries;
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    private record Key(String repository, String reference) {
    }

    private record Entry(long version, ManifestContent content) {
    }

    /** @param maxBytes the most the cached manifests take, about; 0 caches nothing */
    public ManifestCache(long maxBytes) {
        this.entries = maxBytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Entry entry) -> weight(key, entry.content()))
                .build();
    }

    private static int weight(Key key, ManifestContent content) {
        long chars = (long) key.repository().length() + key.reference().length() + content.digest().length()
                + content.mediaType().length() + content.manifest().length();
        return (int) Math.min(Integer.MAX_VALUE, ENTRY_OVERHEAD + 2 * chars);
    }

    /** The repository's version, to be taken before the views are read for {@link #put}. */
    long version(String repository) {
        return versions.getOrDefault(repository, 0L);
    }

    /** The manifest held for that tag or digest, if any is held at the repository's version now. */
    public Optional<ManifestContent> get(String repository, String reference) {
        if (entries == null) {
            return Optional.empty();
        }
        Entry entry = entries.getIfPresent(new Key(repository, reference));
        return entry != null && entry.version() == version(repository) ? Optional.of(entry.content()) : Optional.empty();
    }

    /** Keeps what the views answered at the version taken before reading them. */
    void put(String repository, String reference, long version, ManifestContent content) {
        if (entries != null && version == version(repository)) {
            entries.put(new Key(repository, reference), new Entry(version, content));
        }
    }

    /** The bytes the cached manifests take now, about. */
    public long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
    }

    @Override
    public void committed(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getType() != null) {
                versions.merge(domain.getAggregateIdentifier(), 1L, Long::sum);
            }
        }
    }

    @Override
    public void rebuilt() {
        versions.replaceAll((repository, version) -> version + 1);
        if (entries != null) {
            entries.invalidateAll();
        }
    }
}
