package io.tagledger.query.history;

import io.tagledger.query.messages.FindRepositoryAsOf;
import io.tagledger.query.messages.RepositorySummary;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written before image periods were numbered gets its numbers from the migration that adds
 * them, so its point-in-time counts are right without a rebuild.
 */
class ImageCountsMigrationTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void theMigrationNumbersThePeriodsAlreadyWritten() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").target("8").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("insert into repository_history (repository_name, valid_from, valid_to, created_at, tag_mutability, exclusion_filters, "
                + "tag_protection) values ('team/app', ?, null, ?, 'MUTABLE', '', 'NONE')", at(0), at(0));
        // a from 1 to 4, b from 2 (two pushes at one instant), c from 2 to 4 (two ends at one instant), d from 5.
        image(jdbc, 'a', 1, 4);
        image(jdbc, 'b', 2, null);
        image(jdbc, 'c', 2, 4);
        image(jdbc, 'd', 5, null);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();

        PointInTimeQueries queries = new PointInTimeQueries(jdbc);
        long[] expected = {0, 1, 3, 3, 1, 2};
        for (int second = 0; second < expected.length; second++) {
            assertThat(queries.handle(new FindRepositoryAsOf("team/app", T0.plusSeconds(second))).map(RepositorySummary::imageCount))
                    .as("at second " + second).contains(expected[second]);
        }
    }

    private static OffsetDateTime at(int second) {
        return T0.plusSeconds(second).atOffset(ZoneOffset.UTC);
    }

    private static void image(JdbcTemplate jdbc, char digest, int pushed, Integer deleted) {
        jdbc.update("insert into image_history (repository_name, digest, media_type, size_bytes, pushed_at, deleted_at) "
                        + "values ('team/app', ?, 'application/vnd.oci.image.manifest.v1+json', 1, ?, ?)",
                "sha256:" + String.valueOf(digest).repeat(64), at(pushed), deleted == null ? null : at(deleted));
    }
}
