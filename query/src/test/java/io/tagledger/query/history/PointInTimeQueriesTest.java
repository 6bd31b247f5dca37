package io.tagledger.query.history;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.TagMutabilitySet;
import io.tagledger.query.RebuildableView;
import io.tagledger.query.messages.FindRepositoryAsOf;
import io.tagledger.query.messages.ImagePage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ListImagesAsOf;
import io.tagledger.query.messages.ListTagsAsOf;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagPage;
import io.tagledger.query.messages.TagStatus;
import io.tagledger.query.messages.TagSummary;
import io.tagledger.query.view.MemoryViewStore;
import io.tagledger.query.view.RegistryFold;
import io.tagledger.query.view.ViewSummaries;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.tagledger.query.Events.REPOSITORY;
import static io.tagledger.query.Events.created;
import static io.tagledger.query.Events.deleted;
import static io.tagledger.query.Events.digest;
import static io.tagledger.query.Events.pushed;
import static io.tagledger.query.Events.untagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Point-in-time reads from the history view answer, at every instant of a repository's life, exactly
 * what the registry views' fold of its events up to that instant holds, page after page; and so do
 * the periods a rebuild writes.
 */
@JdbcTest
@Import(PointInTimeQueries.class)
class PointInTimeQueriesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    private DataSource dataSource;
    @Autowired
    private PointInTimeQueries queries;

    private static EventMessage<?> event(Object payload, Instant at) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, MetaData.with("principal", "alice"), at);
    }

    /** A repository's life: moves, untags, deletions, rules changed, several events at one instant, deleted and created again. */
    private static List<EventMessage<?>> life() {
        return List.of(
                event(created(TagMutabilityMode.MUTABLE), T0),
                event(pushed('a', "latest", null), T0.plusSeconds(1)),
                event(pushed('b', "latest", digest('a')), T0.plusSeconds(2)),
                event(pushed('b', "v1", null), T0.plusSeconds(2)),
                event(pushed('c', null, null), T0.plusSeconds(3)),
                event(new TagMutabilitySet(REPOSITORY, TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION, List.of("latest", "dev-*"),
                        TagProtection.STRICT), T0.plusSeconds(4)),
                event(untagged("latest", 'b'), T0.plusSeconds(5)),
                event(pushed('a', "v2", null), T0.plusSeconds(6)),
                event(deleted('b', "v1"), T0.plusSeconds(7)),
                event(pushed('d', "latest", null), T0.plusSeconds(7)),
                event(deleted('d', "latest"), T0.plusSeconds(7)),
                event(pushed('e', "dev-1", null), T0.plusSeconds(8)),
                event(new RepositoryDeleted(REPOSITORY, true, 3), T0.plusSeconds(9)),
                event(new RepositoryCreated(REPOSITORY, TagMutabilityMode.IMMUTABLE, List.of(), TagProtection.NONE), T0.plusSeconds(11)),
                event(pushed('b', "v1", null), T0.plusSeconds(12)),
                event(pushed('f', "v3", null), T0.plusSeconds(13)),
                event(pushed('g', null, null), T0.plusSeconds(13)),
                event(pushed('h', null, null), T0.plusSeconds(13)),
                event(pushed('i', "v4", null), T0.plusSeconds(13)));
    }

    /** Every instant of the life, just before each, and between. */
    private static List<Instant> instants() {
        List<Instant> instants = new ArrayList<>();
        for (int second = -1; second <= 13; second++) {
            instants.add(T0.plusSeconds(second).minusMillis(1));
            instants.add(T0.plusSeconds(second));
            instants.add(T0.plusSeconds(second).plusMillis(500));
        }
        return instants;
    }

    /** What the registry views' fold holds at the instant, read as the point-in-time queries answer. */
    private static Map<String, Object> folded(List<EventMessage<?>> events, Instant at) {
        MemoryViewStore views = new MemoryViewStore();
        events.stream().filter(event -> !event.getTimestamp().isAfter(at))
                .forEach(event -> RegistryFold.apply(event.getPayload(), event.getTimestamp(), views));
        Map<String, Object> answers = new LinkedHashMap<>();
        Optional<RepositorySummary> repository = views.repository(REPOSITORY)
                .map(entry -> ViewSummaries.repository(entry, views.images(REPOSITORY).size()));
        answers.put("repository", repository);
        List<ImageSummary> images = ViewSummaries.images(views.images(REPOSITORY), views.tags(REPOSITORY));
        for (TagStatus status : TagStatus.values()) {
            answers.put("images " + status, repository.map(found -> images.stream().filter(image -> status.matches(image.tags())).toList()));
        }
        answers.put("tags", repository.map(found -> views.tags(REPOSITORY).stream().map(ViewSummaries::tag).toList()));
        return answers;
    }

    /** The point-in-time queries' answers at the instant, each listing read two items a page. */
    private Map<String, Object> read(Instant at) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("repository", queries.handle(new FindRepositoryAsOf(REPOSITORY, at)));
        for (TagStatus status : TagStatus.values()) {
            answers.put("images " + status, allImages(status, at));
        }
        answers.put("tags", allTags(at));
        return answers;
    }

    private Optional<List<ImageSummary>> allImages(TagStatus status, Instant at) {
        List<ImageSummary> all = new ArrayList<>();
        String after = null;
        do {
            Optional<ImagePage> page = queries.handle(new ListImagesAsOf(REPOSITORY, status, 2, after, at));
            if (page.isEmpty()) {
                return Optional.empty();
            }
            all.addAll(page.get().items());
            after = page.get().nextAfter();
        } while (after != null);
        return Optional.of(all);
    }

    private Optional<List<TagSummary>> allTags(Instant at) {
        List<TagSummary> all = new ArrayList<>();
        String after = null;
        do {
            Optional<TagPage> page = queries.handle(new ListTagsAsOf(REPOSITORY, 2, after, at));
            if (page.isEmpty()) {
                return Optional.empty();
            }
            all.addAll(page.get().items());
            after = page.get().nextAfter();
        } while (after != null);
        return Optional.of(all);
    }

    @Test
    void atEveryInstantTheHistoryAnswersWhatTheFoldOfTheEventsUpToThenHolds() {
        List<EventMessage<?>> events = life();
        HistoryProjection projection = new HistoryProjection(dataSource);
        events.forEach(event -> projection.on(event.getPayload(), event));

        for (Instant at : instants()) {
            assertThat(read(at)).as("at " + at).isEqualTo(folded(events, at));
        }
        // A page's tags read digest by digest, as for a sparse page of a large repository, answer the same.
        queries = new PointInTimeQueries(new JdbcTemplate(dataSource), 0);
        for (Instant at : instants()) {
            assertThat(read(at)).as("tags digest by digest, at " + at).isEqualTo(folded(events, at));
        }
        assertThat(read(T0.plusSeconds(6))).as("a moment with images, tags and rules changed")
                .satisfies(answers -> assertThat((Optional<?>) answers.get("repository")).isPresent())
                .satisfies(answers -> assertThat(answers.get("images ANY").toString()).contains(digest('c')));
        // The listings are read by push early in the life (one push of its ten periods), and in digest order at its end
        // (five images held), two a page.
        assertThat(PointInTimeQueries.readByPush(1, 1, 10, 2)).isTrue();
        assertThat(PointInTimeQueries.readByPush(10, 5, 10, 2)).isFalse();
        assertThat(PointInTimeQueries.spanned("sha256:" + "0".repeat(64), "sha256:8" + "0".repeat(63))).isCloseTo(0.5, within(1e-9));
        assertThat(PointInTimeQueries.spanned("sha256:" + "f".repeat(64), "sha256:" + "0".repeat(64))).isZero();
        assertThat(PointInTimeQueries.spanned("sha256:zz", "sha256:" + "0".repeat(64))).isEqualTo(1);
    }

    @Test
    void aRebuildWritesPeriodsThatAnswerTheSameFromMemoryOrRowByRow() {
        List<EventMessage<?>> events = life();
        for (int flushAt : new int[] {events.size() - 1, 6, 0}) {
            rebuild(events, flushAt);
            for (Instant at : instants()) {
                assertThat(read(at)).as("flushed after event " + flushAt + ", at " + at).isEqualTo(folded(events, at));
            }
        }
    }

    /**
     * Concurrent commands timestamp their events before the ledger orders them, so a timestamp can be
     * earlier than one stored before it. The image count at an instant is then that of the ledger's
     * prefix up to it (each event at the latest timestamp so far), never a count the registry never had,
     * live and from a rebuild flushed at any point.
     */
    @Test
    void imagesAreCountedAsAPrefixOfTheLedgerWhenTimestampsGoBackwards() {
        List<EventMessage<?>> events = List.of(
                event(created(TagMutabilityMode.MUTABLE), T0),
                event(pushed('a', "v1", null), T0.plusSeconds(2)),
                event(pushed('b', "v2", null), T0.plusSeconds(1)),
                event(pushed('c', "v3", null), T0.plusSeconds(4)),
                event(deleted('a', "v1"), T0.plusSeconds(3)),
                event(deleted('b', "v2"), T0.plusSeconds(3)),
                event(pushed('d', "v4", null), T0.plusSeconds(5)),
                event(new RepositoryDeleted(REPOSITORY, true, 2), T0.plusSeconds(4)),
                event(new RepositoryCreated(REPOSITORY, TagMutabilityMode.MUTABLE, List.of(), TagProtection.NONE), T0.plusSeconds(6)),
                event(pushed('a', "v1", null), T0.plusSeconds(6)));
        Map<Instant, Long> expected = new LinkedHashMap<>();
        for (Instant at : instants()) {
            MemoryViewStore views = new MemoryViewStore();
            Instant latest = Instant.MIN;
            for (EventMessage<?> event : events) {
                latest = event.getTimestamp().isAfter(latest) ? event.getTimestamp() : latest;
                if (!latest.isAfter(at)) {
                    RegistryFold.apply(event.getPayload(), event.getTimestamp(), views);
                }
            }
            expected.put(at, views.repository(REPOSITORY).isPresent() ? (long) views.images(REPOSITORY).size() : -1);
        }
        HistoryProjection projection = new HistoryProjection(dataSource);
        events.forEach(event -> projection.on(event.getPayload(), event));
        assertThat(counts()).as("live").isEqualTo(expected);
        for (int flushAt : new int[] {events.size() - 1, 4, 0}) {
            rebuild(events, flushAt);
            assertThat(counts()).as("rebuilt, flushed after event " + flushAt).isEqualTo(expected);
        }
        assertThat(expected.values()).as("the life counts images up and down").contains(-1L, 0L, 1L, 2L);
    }

    /** Writes the history view's tables again from the events, as a rebuild does: in memory until after event {@code flushAt}, then row by row. */
    private void rebuild(List<EventMessage<?>> events, int flushAt) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        HistoryProjection projection = new HistoryProjection(dataSource);
        projection.tables().forEach(table -> jdbc.update("delete from " + table));
        RebuildableView.Rebuild rebuild = projection.rebuildInto(jdbc, "");
        for (int i = 0; i < events.size(); i++) {
            rebuild.apply(i + 1, events.get(i));
            if (i == flushAt) {
                rebuild.flush();
            }
        }
        rebuild.flush();
    }

    private Map<Instant, Long> counts() {
        Map<Instant, Long> counts = new LinkedHashMap<>();
        instants().forEach(at -> counts.put(at, queries.handle(new FindRepositoryAsOf(REPOSITORY, at))
                .map(RepositorySummary::imageCount).orElse(-1L)));
        return counts;
    }
}
