package io.tagledger.query.history;

import io.tagledger.query.view.RepositoryRules;
import io.tagledger.query.Rows;
import io.tagledger.query.view.ImageEntry;
import io.tagledger.query.view.RepositoryEntry;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Repository and image periods as a rebuild folds them: the open ones in memory, each ended one
 * written as it ends, in batches. {@link #flush} writes the open ones.
 */
final class MemoryRegistryPeriods extends RegistryPeriods {

    private record Repository(Instant from, RepositoryEntry entry) {

        Object[] row(Instant to) {
            return DatabaseRegistryPeriods.repositoryRow(entry.getName(), from, to, entry.getCreatedAt(), entry.getRules());
        }
    }

    /** An image held: its entry, with the instant and number of its push. */
    private record Held(ImageEntry image, Instant pushedAt, long pushedNumber) {

        Object[] row(Instant deletedAt, Long deletedNumber) {
            return DatabaseRegistryPeriods.imageRow(image, pushedAt, pushedNumber, deletedAt, deletedNumber);
        }
    }

    private final Map<String, Repository> repositories = new HashMap<>();
    private final Map<String, Map<String, Held>> images = new HashMap<>();
    /** Each repository name's numbers, kept after the repository is deleted: a name counts on when created again. */
    private final Map<String, ImageCounts> counts = new HashMap<>();
    private final Rows.Batch repositoryRows;
    private final Rows.Batch imageRows;

    MemoryRegistryPeriods(JdbcTemplate jdbc, String suffix) {
        this.repositoryRows = new Rows.Batch(jdbc, DatabaseRegistryPeriods.insertRepository(DatabaseRegistryPeriods.REPOSITORIES + suffix));
        this.imageRows = new Rows.Batch(jdbc, DatabaseRegistryPeriods.insertImage(DatabaseRegistryPeriods.IMAGES + suffix));
    }

    @Override
    public void addRepository(RepositoryEntry repository) {
        Instant at = counts(repository.getName()).instant(now);
        Repository before = repositories.put(repository.getName(), new Repository(at, repository));
        if (before != null) {
            repositoryRows.add(before.row(at));
        }
    }

    @Override
    public void setRules(String name, RepositoryRules rules) {
        Repository before = repositories.get(name);
        if (before != null) {
            Instant at = counts(name).instant(now);
            repositoryRows.add(before.row(at));
            repositories.put(name, new Repository(at,
                    new RepositoryEntry(name, rules, before.entry().getCreatedAt())));
        }
    }

    @Override
    public void removeRepository(String name) {
        Repository before = repositories.remove(name);
        if (before != null) {
            repositoryRows.add(before.row(counts(name).instant(now)));
        }
        Map<String, Held> held = images.remove(name);
        if (held != null && !held.isEmpty()) {
            ImageCounts ended = counts(name).deleted(held.size(), now);
            counts.put(name, ended);
            held.values().forEach(image -> imageRows.add(image.row(ended.clock(), ended.deleted())));
        }
    }

    @Override
    public boolean hasImage(String repositoryName, String digest) {
        Map<String, Held> held = images.get(repositoryName);
        return held != null && held.containsKey(digest);
    }

    @Override
    public void addImage(ImageEntry image) {
        ImageCounts pushed = counts(image.getRepositoryName()).pushed(now);
        counts.put(image.getRepositoryName(), pushed);
        // Without its manifest, which the periods do not keep.
        images.computeIfAbsent(image.getRepositoryName(), name -> new HashMap<>()).put(image.getDigest(), new Held(new ImageEntry(
                image.getRepositoryName(), image.getDigest(), image.getMediaType(), image.getSizeBytes(), image.getPushedAt(), null, null),
                pushed.clock(), pushed.pushed()));
    }

    private ImageCounts counts(String repositoryName) {
        return counts.getOrDefault(repositoryName, ImageCounts.NONE);
    }

    @Override
    public void removeImage(String repositoryName, String digest) {
        Map<String, Held> held = images.get(repositoryName);
        Held image = held == null ? null : held.remove(digest);
        if (image != null) {
            ImageCounts ended = counts(repositoryName).deleted(1, now);
            counts.put(repositoryName, ended);
            imageRows.add(image.row(ended.clock(), ended.deleted()));
        }
    }

    /** The open periods held. */
    int size() {
        return repositories.size() + images.values().stream().mapToInt(Map::size).sum();
    }

    /** Writes the ended periods not written yet, and the open ones. */
    void flush() {
        repositories.values().forEach(repository -> repositoryRows.add(repository.row(null)));
        repositories.clear();
        images.values().forEach(held -> held.values().forEach(image -> imageRows.add(image.row(null, null))));
        images.clear();
        counts.clear();
        repositoryRows.flush();
        imageRows.flush();
    }
}
