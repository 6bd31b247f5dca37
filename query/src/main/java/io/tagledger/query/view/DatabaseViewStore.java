package io.tagledger.query.view;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.query.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

/**
 * The registry views in the database, as the projection keeps them: plain statements in the ledger
 * writer's transaction, each row found by its key. (Hibernate's persistence context, flushed before
 * each query of a batch, cost more than the rows themselves.)
 */
@Component
class DatabaseViewStore implements ViewStore {

    private final JdbcTemplate jdbc;

    DatabaseViewStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void addRepository(RepositoryEntry repository) {
        jdbc.update("insert into repository_view (name, tag_mutability, exclusion_filters, tag_protection, created_at) values (?, ?, ?, ?, ?)",
                repository.getName(), repository.getTagMutability().name(), String.join(",", repository.getExclusionFilters()),
                repository.getTagProtection().name(), Rows.timestamp(repository.getCreatedAt()));
    }

    @Override
    public void setTagMutability(String name, TagMutabilityMode mutability, List<String> exclusionFilters, TagProtection protection) {
        jdbc.update("update repository_view set tag_mutability = ?, exclusion_filters = ?, tag_protection = ? where name = ?",
                mutability.name(), String.join(",", exclusionFilters == null ? List.of() : exclusionFilters), protection.name(), name);
    }

    @Override
    public void removeRepository(String name) {
        jdbc.update("delete from tag_view where repository_name = ?", name);
        jdbc.update("delete from image_view where repository_name = ?", name);
        jdbc.update("delete from repository_view where name = ?", name);
    }

    @Override
    public boolean hasImage(String repositoryName, String digest) {
        return !jdbc.queryForList("select 1 from image_view where repository_name = ? and digest = ?", Integer.class,
                repositoryName, digest).isEmpty();
    }

    @Override
    public void addImage(ImageEntry image) {
        jdbc.update("insert into image_view (repository_name, digest, media_type, size_bytes, pushed_at, manifest, subject) "
                        + "values (?, ?, ?, ?, ?, ?, ?)", image.getRepositoryName(), image.getDigest(), image.getMediaType(),
                image.getSizeBytes(), Rows.timestamp(image.getPushedAt()), image.getManifest(), image.getSubject());
    }

    @Override
    public void removeImage(String repositoryName, String digest) {
        jdbc.update("delete from image_view where repository_name = ? and digest = ?", repositoryName, digest);
    }

    @Override
    public void pointTag(String repositoryName, String tag, String digest, Instant at) {
        int moved = jdbc.update("update tag_view set digest = ?, pushed_at = ? where repository_name = ? and tag = ?",
                digest, Rows.timestamp(at), repositoryName, tag);
        if (moved == 0) {
            jdbc.update("insert into tag_view (repository_name, tag, digest, pushed_at) values (?, ?, ?, ?)",
                    repositoryName, tag, digest, Rows.timestamp(at));
        }
    }

    @Override
    public void removeTag(String repositoryName, String tag) {
        jdbc.update("delete from tag_view where repository_name = ? and tag = ?", repositoryName, tag);
    }

    void clear() {
        jdbc.update("delete from tag_view");
        jdbc.update("delete from image_view");
        jdbc.update("delete from repository_view");
    }
}
