package io.tagledger.query.history;

import java.util.Arrays;
import java.util.ArrayList;
import io.tagledger.query.view.RepositoryRules;
import io.tagledger.query.Rows;
import io.tagledger.query.view.ImageEntry;
import io.tagledger.query.view.RepositoryEntry;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Repository and image periods in their tables: the live ones, or a rebuild's fresh ones. */
final class DatabaseRegistryPeriods extends RegistryPeriods {

    static final String REPOSITORIES = "repository_history";
    static final String IMAGES = "image_history";
    /** Before any instant a period is recorded at. */
    private static final String EARLIEST = "timestamp with time zone '1970-01-01 00:00:00+00'";

    private final JdbcTemplate jdbc;
    private final String repositories;
    private final String images;

    /** @param suffix appended to both table names: empty for the live view */
    DatabaseRegistryPeriods(JdbcTemplate jdbc, String suffix) {
        this.jdbc = jdbc;
        this.repositories = REPOSITORIES + suffix;
        this.images = IMAGES + suffix;
    }

    static String insertRepository(String table) {
        return "insert into " + table + " (repository_name, valid_from, valid_to, created_at, " + RepositoryRules.COLUMNS + ") "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    static Object[] repositoryRow(String name, Instant from, Instant to, Instant createdAt, RepositoryRules rules) {
        List<Object> row = new ArrayList<>(Arrays.asList(name, Rows.timestamp(from), Rows.timestamp(to), Rows.timestamp(createdAt)));
        row.addAll(List.of(rules.columns()));
        return row.toArray();
    }

    static String insertImage(String table) {
        return "insert into " + table + " (repository_name, digest, media_type, size_bytes, pushed_at, pushed_number, deleted_at, deleted_number) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /** An image's period, from its push to its deletion (null while it is held), with its {@link ImageCounts numbers}. */
    static Object[] imageRow(ImageEntry image, Instant pushedAt, long pushedNumber, Instant deletedAt, Long deletedNumber) {
        return new Object[] {image.getRepositoryName(), image.getDigest(), image.getMediaType(), image.getSizeBytes(),
                Rows.timestamp(pushedAt), pushedNumber, Rows.timestamp(deletedAt), deletedNumber};
    }

    /** The last push into a repository name (its instant and number), read backwards through the index of pushes. */
    static String lastPushed(String table) {
        return "select pushed_at, pushed_number from " + table + " where repository_name = ? and pushed_at <= ? "
                + "order by repository_name desc, pushed_at desc, pushed_number desc limit 1";
    }

    /**
     * The last end of an image period in a repository name, read backwards through the index of ends. Its
     * lower bound keeps the periods still open (null, first in H2's index) out of the range read: without
     * it, a repository with no end before the instant would be read through every open period.
     */
    static String lastDeleted(String table) {
        return "select deleted_at, deleted_number from " + table + " where repository_name = ? and deleted_at <= ? "
                + "and deleted_at >= " + EARLIEST + " order by repository_name desc, deleted_at desc, deleted_number desc limit 1";
    }

    @Override
    public void addRepository(RepositoryEntry repository) {
        Instant at = counts(repository.getName()).instant(now);
        endRepository(repository.getName(), at);
        jdbc.update(insertRepository(repositories), repositoryRow(repository.getName(), at, null, repository.getCreatedAt(),
                repository.getRules()));
    }

    @Override
    public void setRules(String name, RepositoryRules rules) {
        List<Instant> created = jdbc.query("select created_at from " + repositories + " where repository_name = ? and valid_to is null",
                (row, number) -> Rows.instant(row, "created_at"), name);
        if (!created.isEmpty()) {
            Instant at = counts(name).instant(now);
            endRepository(name, at);
            jdbc.update(insertRepository(repositories), repositoryRow(name, at, null, created.get(0), rules));
        }
    }

    @Override
    public void removeRepository(String name) {
        endRepository(name, counts(name).instant(now));
        Long held = jdbc.queryForObject("select count(*) from " + images + " where repository_name = ? and deleted_at is null", Long.class, name);
        if (held != null && held > 0) {
            ImageCounts counts = counts(name).deleted(held, now);
            jdbc.update("update " + images + " set deleted_at = ?, deleted_number = ? where repository_name = ? and deleted_at is null",
                    Rows.timestamp(counts.clock()), counts.deleted(), name);
        }
    }

    private void endRepository(String name, Instant at) {
        jdbc.update("update " + repositories + " set valid_to = ? where repository_name = ? and valid_to is null", Rows.timestamp(at), name);
    }

    @Override
    public boolean hasImage(String repositoryName, String digest) {
        return !jdbc.queryForList("select 1 from " + images + " where repository_name = ? and digest = ? and deleted_at is null",
                Integer.class, repositoryName, digest).isEmpty();
    }

    @Override
    public void addImage(ImageEntry image) {
        ImageCounts counts = counts(image.getRepositoryName()).pushed(now);
        jdbc.update(insertImage(images), imageRow(image, counts.clock(), counts.pushed(), null, null));
    }

    @Override
    public void removeImage(String repositoryName, String digest) {
        if (hasImage(repositoryName, digest)) {
            ImageCounts counts = counts(repositoryName).deleted(1, now);
            jdbc.update("update " + images + " set deleted_at = ?, deleted_number = ? where repository_name = ? and digest = ? and deleted_at is null",
                    Rows.timestamp(counts.clock()), counts.deleted(), repositoryName, digest);
        }
    }

    /** A repository name's numbers so far, from its last push and its last end. */
    private ImageCounts counts(String repositoryName) {
        OffsetDateTime latest = Rows.timestamp(ImageCounts.LATEST);
        List<ImageCounts> pushed = jdbc.query(lastPushed(images), (row, number) ->
                new ImageCounts(Rows.instant(row, "pushed_at"), row.getLong("pushed_number"), 0), repositoryName, latest);
        List<ImageCounts> deleted = jdbc.query(lastDeleted(images), (row, number) ->
                new ImageCounts(Rows.instant(row, "deleted_at"), 0, row.getLong("deleted_number")), repositoryName, latest);
        ImageCounts counts = pushed.isEmpty() ? ImageCounts.NONE : pushed.get(0);
        return deleted.isEmpty() ? counts : counts.with(deleted.get(0));
    }
}
