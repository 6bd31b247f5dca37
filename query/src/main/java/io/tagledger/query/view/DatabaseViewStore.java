package io.tagledger.query.view;

import java.util.ArrayList;
import io.tagledger.query.Rows;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

/**
 * The registry views in the database: plain statements, each row found by its key. The projection
 * writes the live tables in the ledger writer's transaction; a rebuild writes fresh ones, named with
 * a suffix, first all at once from memory ({@link #insertAll}) and then event by event.
 * (Hibernate's persistence context, flushed before each query of a batch, cost more than the rows themselves.)
 */
class DatabaseViewStore implements ViewStore {

    static final List<String> TABLES = List.of("repository_view", "image_view", "tag_view");

    private final JdbcTemplate jdbc;
    private final String repositories;
    private final String images;
    private final String tags;

    /** @param suffix appended to every table name: empty for the live views */
    DatabaseViewStore(JdbcTemplate jdbc, String suffix) {
        this.jdbc = jdbc;
        this.repositories = "repository_view" + suffix;
        this.images = "image_view" + suffix;
        this.tags = "tag_view" + suffix;
    }

    private String insertRepository() {
        return "insert into " + repositories + " (name, " + RepositoryRules.COLUMNS + ", created_at) values (?, ?, ?, ?, ?, ?)";
    }

    private static Object[] row(RepositoryEntry repository) {
        List<Object> row = new ArrayList<>(List.of(repository.getName()));
        row.addAll(List.of(repository.getRules().columns()));
        row.add(Rows.timestamp(repository.getCreatedAt()));
        return row.toArray();
    }

    private String insertImage() {
        return "insert into " + images + " (repository_name, digest, media_type, size_bytes, pushed_at, manifest, subject) "
                + "values (?, ?, ?, ?, ?, ?, ?)";
    }

    private static Object[] row(ImageEntry image) {
        return new Object[] {image.getRepositoryName(), image.getDigest(), image.getMediaType(), image.getSizeBytes(),
                Rows.timestamp(image.getPushedAt()), image.getManifest(), image.getSubject()};
    }

    private String insertTag() {
        return "insert into " + tags + " (repository_name, tag, digest, pushed_at) values (?, ?, ?, ?)";
    }

    private static Object[] row(TagEntry tag) {
        return new Object[] {tag.getRepositoryName(), tag.getTag(), tag.getDigest(), Rows.timestamp(tag.getPushedAt())};
    }

    /** Writes everything the memory holds, in batches: a rebuild's first write. */
    void insertAll(MemoryViewStore memory) {
        Rows.Batch repositoryRows = new Rows.Batch(jdbc, insertRepository());
        Rows.Batch imageRows = new Rows.Batch(jdbc, insertImage());
        Rows.Batch tagRows = new Rows.Batch(jdbc, insertTag());
        for (MemoryViewStore.Held held : memory.held()) {
            if (held.repository != null) {
                repositoryRows.add(row(held.repository));
            }
            held.images.values().forEach(image -> imageRows.add(row(image)));
            held.tags.values().forEach(tag -> tagRows.add(row(tag)));
        }
        repositoryRows.flush();
        imageRows.flush();
        tagRows.flush();
    }

    @Override
    public void addRepository(RepositoryEntry repository) {
        jdbc.update(insertRepository(), row(repository));
    }

    @Override
    public void setRules(String name, RepositoryRules rules) {
        List<Object> arguments = new ArrayList<>(List.of(rules.columns()));
        arguments.add(name);
        jdbc.update("update " + repositories + " set " + RepositoryRules.ASSIGNMENTS + " where name = ?", arguments.toArray());
    }

    @Override
    public void removeRepository(String name) {
        jdbc.update("delete from " + tags + " where repository_name = ?", name);
        jdbc.update("delete from " + images + " where repository_name = ?", name);
        jdbc.update("delete from " + repositories + " where name = ?", name);
    }

    @Override
    public boolean hasImage(String repositoryName, String digest) {
        return !jdbc.queryForList("select 1 from " + images + " where repository_name = ? and digest = ?", Integer.class,
                repositoryName, digest).isEmpty();
    }

    @Override
    public void addImage(ImageEntry image) {
        jdbc.update(insertImage(), row(image));
    }

    @Override
    public void removeImage(String repositoryName, String digest) {
        jdbc.update("delete from " + images + " where repository_name = ? and digest = ?", repositoryName, digest);
    }

    @Override
    public void pointTag(String repositoryName, String tag, String digest, Instant at) {
        int moved = jdbc.update("update " + tags + " set digest = ?, pushed_at = ? where repository_name = ? and tag = ?",
                digest, Rows.timestamp(at), repositoryName, tag);
        if (moved == 0) {
            jdbc.update(insertTag(), repositoryName, tag, digest, Rows.timestamp(at));
        }
    }

    @Override
    public void removeTag(String repositoryName, String tag) {
        jdbc.update("delete from " + tags + " where repository_name = ? and tag = ?", repositoryName, tag);
    }
}
