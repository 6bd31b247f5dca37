package io.tagledger.query.history;

import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.query.RebuildableView;
import io.tagledger.query.messages.FindTagHistory;
import io.tagledger.query.messages.TagHistory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.tagledger.query.Events.REPOSITORY;
import static io.tagledger.query.Events.deleted;
import static io.tagledger.query.Events.digest;
import static io.tagledger.query.Events.pushed;
import static io.tagledger.query.Events.untagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tag histories in a real H2 database, from given events: every period, who opened it, how it ended. */
@JdbcTest
@Import(TagHistoryQueries.class)
class HistoryProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    private DataSource dataSource;
    @Autowired
    private TagHistoryQueries queries;
    @Autowired
    private JdbcTemplate jdbc;

    private HistoryProjection projection;

    @BeforeEach
    void keepTheHistories() {
        projection = new HistoryProjection(dataSource);
    }

    private static EventMessage<?> event(Object payload, Instant at, String principal) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, MetaData.with("principal", principal), at);
    }

    private void apply(EventMessage<?> event) {
        projection.on(event.getPayload(), event);
    }

    private TagHistory history(String tag) {
        return queries.handle(new FindTagHistory(REPOSITORY, tag));
    }

    /** Five moves, three at the same instant, an untag, a deletion and a repository deleted, over two tags. */
    private List<EventMessage<?>> history() {
        return List.of(
                event(pushed('a', "latest", null), T0, "alice"),
                event(pushed('b', "latest", digest('a')), T0.plusSeconds(1), "bob"),
                event(untagged("latest", 'b'), T0.plusSeconds(2), "carol"),
                event(pushed('c', "v1", null), T0.plusSeconds(3), "dave"),
                event(deleted('c', "v1"), T0.plusSeconds(4), "erin"),
                event(pushed('d', "v1", null), T0.plusSeconds(5), "frank"),
                event(pushed('e', "v1", null), T0.plusSeconds(5), "frank"),
                event(pushed('f', "v1", null), T0.plusSeconds(5), null),
                event(pushed('a', "latest", null), T0.plusSeconds(6), "gina"),
                event(new RepositoryDeleted(REPOSITORY, true, 0), T0.plusSeconds(7), "hank"));
    }

    @Test
    void aTagsPeriodsEndByMoveUntagOrDeletion() {
        history().forEach(this::apply);

        assertThat(history("latest").periods()).containsExactly(
                new TagHistory.Period(digest('a'), T0, T0.plusSeconds(1), "alice", "bob", "moved"),
                new TagHistory.Period(digest('b'), T0.plusSeconds(1), T0.plusSeconds(2), "bob", "carol", "untagged"),
                new TagHistory.Period(digest('a'), T0.plusSeconds(6), T0.plusSeconds(7), "gina", "hank", "repository-deleted"));
        assertThat(history("v1").periods()).containsExactly(
                new TagHistory.Period(digest('c'), T0.plusSeconds(3), T0.plusSeconds(4), "dave", "erin", "deleted"),
                new TagHistory.Period(digest('d'), T0.plusSeconds(5), T0.plusSeconds(5), "frank", "frank", "moved"),
                new TagHistory.Period(digest('e'), T0.plusSeconds(5), T0.plusSeconds(5), "frank", "anonymous", "moved"),
                new TagHistory.Period(digest('f'), T0.plusSeconds(5), T0.plusSeconds(7), "anonymous", "hank", "repository-deleted"));
    }

    /** A rebuild folds in memory and writes in batches, then follows event by event: the same periods, in the same order. */
    @Test
    void aRebuildKeepsTheSamePeriodsAsTheLiveProjection() {
        List<EventMessage<?>> events = history();
        events.forEach(this::apply);
        TagHistory latest = history("latest");
        TagHistory v1 = history("v1");
        jdbc.update("delete from tag_history");

        RebuildableView.Rebuild rebuild = projection.rebuildInto(new JdbcTemplate(dataSource), "");
        for (int i = 0; i < events.size(); i++) {
            rebuild.apply(i + 1, events.get(i));
            if (i == 6) {
                // From here, the rebuild writes each event as it comes, as it does while it catches up the tail.
                rebuild.flush();
            }
        }
        rebuild.flush();

        assertThat(history("latest")).isEqualTo(latest);
        assertThat(history("v1")).isEqualTo(v1);
        apply(event(pushed('g', "next", null), T0.plusSeconds(8), "ivy"));
        assertThat(history("next").periods()).hasSize(1);
    }

    /** Each event is applied once, in the transaction that stores it: applying a push again is an error, never a second period. */
    @Test
    void aPushAppliedAgainIsRefusedAndOpensNoSecondPeriod() {
        EventMessage<?> push = event(pushed('a', "latest", null), T0, "alice");
        apply(push);
        assertThatThrownBy(() -> apply(push)).isInstanceOf(DuplicateKeyException.class);
        assertThat(history("latest").periods()).containsExactly(new TagHistory.Period(digest('a'), T0, null, "alice", null, null));
    }

    @Test
    void anUntaggedPushHasNoHistory() {
        apply(event(pushed('a', null, null), T0, "alice"));
        assertThat(jdbc.queryForObject("select count(*) from tag_history", Long.class)).isZero();
    }
}
