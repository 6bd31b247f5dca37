package io.tagledger.query.history;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.query.Rows;
import io.tagledger.query.view.ImageEntry;
import io.tagledger.query.view.RepositoryEntry;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Repository and image periods as a rebuild folds them: the open ones in memory, each ended one
 * written as it ends, in batches. {@link #flush} writes the open ones.
 */
final class MemoryRegistryPeriods extends RegistryPeriods {

    private record Repository(Instant from, RepositoryEntry entry) {

        Object[] row(Instant to) {
            return DatabaseRegistryPeriods.repositoryRow(entry.getName(), from, to, entry.getCreatedAt(), entry.getTagMutability(),
                    entry.getExclusionFilters(), entry.getTagProtection());
        }
    }

    private final Map<String, Repository> repositories = new HashMap<>();
    private final Map<String, Map<String, ImageEntry>> images = new HashMap<>();
    private final Rows.Batch repositoryRows;
    private final Rows.Batch imageRows;

    MemoryRegistryPeriods(JdbcTemplate jdbc, String suffix) {
        this.repositoryRows = new Rows.Batch(jdbc, DatabaseRegistryPeriods.insertRepository(DatabaseRegistryPeriods.REPOSITORIES + suffix));
        this.imageRows = new Rows.Batch(jdbc, DatabaseRegistryPeriods.insertImage(DatabaseRegistryPeriods.IMAGES + suffix));
    }

    @Override
    public void addRepository(RepositoryEntry repository) {
        Repository before = repositories.put(repository.getName(), new Repository(now, repository));
        if (before != null) {
            repositoryRows.add(before.row(now));
        }
    }

    @Override
    public void setTagMutability(String name, TagMutabilityMode mutability, List<String> exclusionFilters, TagProtection protection) {
        Repository before = repositories.get(name);
        if (before != null) {
            repositoryRows.add(before.row(now));
            repositories.put(name, new Repository(now,
                    new RepositoryEntry(name, mutability, exclusionFilters, protection, before.entry().getCreatedAt())));
        }
    }

    @Override
    public void removeRepository(String name) {
        Repository before = repositories.remove(name);
        if (before != null) {
            repositoryRows.add(before.row(now));
        }
        Map<String, ImageEntry> held = images.remove(name);
        if (held != null) {
            held.values().forEach(image -> imageRows.add(DatabaseRegistryPeriods.imageRow(image, now)));
        }
    }

    @Override
    public boolean hasImage(String repositoryName, String digest) {
        Map<String, ImageEntry> held = images.get(repositoryName);
        return held != null && held.containsKey(digest);
    }

    @Override
    public void addImage(ImageEntry image) {
        // Without its manifest, which the periods do not keep.
        images.computeIfAbsent(image.getRepositoryName(), name -> new HashMap<>()).put(image.getDigest(), new ImageEntry(
                image.getRepositoryName(), image.getDigest(), image.getMediaType(), image.getSizeBytes(), image.getPushedAt(), null, null));
    }

    @Override
    public void removeImage(String repositoryName, String digest) {
        Map<String, ImageEntry> held = images.get(repositoryName);
        ImageEntry image = held == null ? null : held.remove(digest);
        if (image != null) {
            imageRows.add(DatabaseRegistryPeriods.imageRow(image, now));
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
        images.values().forEach(held -> held.values().forEach(image -> imageRows.add(DatabaseRegistryPeriods.imageRow(image, null))));
        images.clear();
        repositoryRows.flush();
        imageRows.flush();
    }
}
