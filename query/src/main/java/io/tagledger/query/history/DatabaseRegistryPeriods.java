package io.tagledger.query.history;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.query.Rows;
import io.tagledger.query.view.ImageEntry;
import io.tagledger.query.view.RepositoryEntry;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

/** Repository and image periods in their tables: the live ones, or a rebuild's fresh ones. */
final class DatabaseRegistryPeriods extends RegistryPeriods {

    static final String REPOSITORIES = "repository_history";
    static final String IMAGES = "image_history";

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
        return "insert into " + table + " (repository_name, valid_from, valid_to, created_at, tag_mutability, exclusion_filters, tag_protection) "
                + "values (?, ?, ?, ?, ?, ?, ?)";
    }

    static Object[] repositoryRow(String name, Instant from, Instant to, Instant createdAt, TagMutabilityMode mutability,
                                  List<String> exclusionFilters, TagProtection protection) {
        return new Object[] {name, Rows.timestamp(from), Rows.timestamp(to), Rows.timestamp(createdAt), mutability.name(),
                String.join(",", exclusionFilters == null ? List.of() : exclusionFilters), protection.name()};
    }

    static String insertImage(String table) {
        return "insert into " + table + " (repository_name, digest, media_type, size_bytes, pushed_at, deleted_at) values (?, ?, ?, ?, ?, ?)";
    }

    static Object[] imageRow(ImageEntry image, Instant deletedAt) {
        return new Object[] {image.getRepositoryName(), image.getDigest(), image.getMediaType(), image.getSizeBytes(),
                Rows.timestamp(image.getPushedAt()), Rows.timestamp(deletedAt)};
    }

    @Override
    public void addRepository(RepositoryEntry repository) {
        endRepository(repository.getName());
        jdbc.update(insertRepository(repositories), repositoryRow(repository.getName(), now, null, repository.getCreatedAt(),
                repository.getTagMutability(), repository.getExclusionFilters(), repository.getTagProtection()));
    }

    @Override
    public void setTagMutability(String name, TagMutabilityMode mutability, List<String> exclusionFilters, TagProtection protection) {
        List<Instant> created = jdbc.query("select created_at from " + repositories + " where repository_name = ? and valid_to is null",
                (row, number) -> Rows.instant(row, "created_at"), name);
        if (!created.isEmpty()) {
            endRepository(name);
            jdbc.update(insertRepository(repositories), repositoryRow(name, now, null, created.get(0), mutability, exclusionFilters, protection));
        }
    }

    @Override
    public void removeRepository(String name) {
        endRepository(name);
        jdbc.update("update " + images + " set deleted_at = ? where repository_name = ? and deleted_at is null", Rows.timestamp(now), name);
    }

    private void endRepository(String name) {
        jdbc.update("update " + repositories + " set valid_to = ? where repository_name = ? and valid_to is null", Rows.timestamp(now), name);
    }

    @Override
    public boolean hasImage(String repositoryName, String digest) {
        return !jdbc.queryForList("select 1 from " + images + " where repository_name = ? and digest = ? and deleted_at is null",
                Integer.class, repositoryName, digest).isEmpty();
    }

    @Override
    public void addImage(ImageEntry image) {
        jdbc.update(insertImage(images), imageRow(image, null));
    }

    @Override
    public void removeImage(String repositoryName, String digest) {
        jdbc.update("update " + images + " set deleted_at = ? where repository_name = ? and digest = ? and deleted_at is null",
                Rows.timestamp(now), repositoryName, digest);
    }
}
