package io.tagledger.query.history;

import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.ImageUntagged;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.Rows;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

import java.time.Instant;

/**
 * Keeps every tag's history: each digest it pointed to, with from/to instants and who moved it.
 * A deleted repository's history stays. Plain statements, in the transaction that stores the events.
 */
@Component
@ProcessingGroup(ProcessingGroups.TAG_HISTORY)
class TagHistoryProjection {

    private final JdbcTemplate jdbc;

    TagHistoryProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @EventHandler
    void on(ImagePushed event, EventMessage<?> message, @Timestamp Instant at, @MetaDataValue("principal") String principal) {
        if (event.tag() == null) {
            return;
        }
        String by = principal == null ? "anonymous" : principal;
        // opened_by is unique: the same event can never open two periods, and fails here before it ends any.
        jdbc.update("insert into tag_history (repository_name, tag, digest, opened_by, valid_from, moved_by) values (?, ?, ?, ?, ?, ?)",
                event.repositoryName(), event.tag(), event.imageDigest(), message.getIdentifier(), Rows.timestamp(at), by);
        jdbc.update("update tag_history set valid_to = ?, ended_by = ?, ended_how = 'moved' "
                        + "where repository_name = ? and tag = ? and valid_to is null and opened_by <> ?",
                Rows.timestamp(at), by, event.repositoryName(), event.tag(), message.getIdentifier());
    }

    @EventHandler
    void on(ImageUntagged event, @Timestamp Instant at, @MetaDataValue("principal") String principal) {
        end(event.repositoryName(), event.tag(), at, principal, "untagged");
    }

    @EventHandler
    void on(ImageDeleted event, @Timestamp Instant at, @MetaDataValue("principal") String principal) {
        event.tags().forEach(tag -> end(event.repositoryName(), tag, at, principal, "deleted"));
    }

    @EventHandler
    void on(RepositoryDeleted event, @Timestamp Instant at, @MetaDataValue("principal") String principal) {
        jdbc.update("update tag_history set valid_to = ?, ended_by = ?, ended_how = ? where repository_name = ? and valid_to is null",
                Rows.timestamp(at), principal, "repository-deleted", event.repositoryName());
    }

    /** Ends the tag's open period, if it has one. */
    private void end(String repository, String tag, Instant at, String by, String how) {
        jdbc.update("update tag_history set valid_to = ?, ended_by = ?, ended_how = ? where repository_name = ? and tag = ? and valid_to is null",
                Rows.timestamp(at), by, how, repository, tag);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from tag_history");
    }
}
