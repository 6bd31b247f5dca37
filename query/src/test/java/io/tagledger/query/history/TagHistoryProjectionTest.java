package io.tagledger.query.history;

import io.tagledger.query.messages.FindTagHistory;
import io.tagledger.query.messages.TagHistory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;

import javax.sql.DataSource;

import java.time.Instant;

import static io.tagledger.query.Events.REPOSITORY;
import static io.tagledger.query.Events.deleted;
import static io.tagledger.query.Events.digest;
import static io.tagledger.query.Events.pushed;
import static io.tagledger.query.Events.untagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tag histories in a real H2 database, from given events: every period, who opened it, how it ended. */
@DataJpaTest
@Import(TagHistoryQueries.class)
class TagHistoryProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    private TagHistoryEntries entries;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private TagHistoryQueries queries;

    private TagHistoryProjection projection;

    @BeforeEach
    void keepTheHistories() {
        projection = new TagHistoryProjection(dataSource);
    }

    private TagHistory history(String tag) {
        return queries.handle(new FindTagHistory(REPOSITORY, tag));
    }

    @Test
    void aTagsPeriodsEndByMoveUntagOrDeletion() {
        projection.on(pushed('a', "latest", null), GenericEventMessage.asEventMessage(pushed('a', "latest", null)), T0, "alice");
        projection.on(pushed('b', "latest", digest('a')), GenericEventMessage.asEventMessage(pushed('b', "latest", digest('a'))),
                T0.plusSeconds(1), "bob");
        projection.on(untagged("latest", 'b'), T0.plusSeconds(2), "carol");
        projection.on(pushed('c', "v1", null), GenericEventMessage.asEventMessage(pushed('c', "v1", null)), T0.plusSeconds(3), "dave");
        projection.on(deleted('c', "v1"), T0.plusSeconds(4), "erin");

        assertThat(history("latest").periods()).containsExactly(
                new TagHistory.Period(digest('a'), T0, T0.plusSeconds(1), "alice", "bob", "moved"),
                new TagHistory.Period(digest('b'), T0.plusSeconds(1), T0.plusSeconds(2), "bob", "carol", "untagged"));
        assertThat(history("v1").periods()).containsExactly(
                new TagHistory.Period(digest('c'), T0.plusSeconds(3), T0.plusSeconds(4), "dave", "erin", "deleted"));
    }

    /** Each event is applied once, in the transaction that stores it: applying a push again is an error, never a second period. */
    @Test
    void aPushAppliedAgainIsRefusedAndOpensNoSecondPeriod() {
        EventMessage<?> push = GenericEventMessage.asEventMessage(pushed('a', "latest", null));
        projection.on(pushed('a', "latest", null), push, T0, "alice");
        assertThatThrownBy(() -> projection.on(pushed('a', "latest", null), push, T0, "alice")).isInstanceOf(DuplicateKeyException.class);
        assertThat(history("latest").periods()).containsExactly(new TagHistory.Period(digest('a'), T0, null, "alice", null, null));
    }

    @Test
    void anUntaggedPushHasNoHistory() {
        projection.on(pushed('a', null, null), GenericEventMessage.asEventMessage(pushed('a', null, null)), T0, "alice");
        assertThat(entries.count()).isZero();
    }
}
