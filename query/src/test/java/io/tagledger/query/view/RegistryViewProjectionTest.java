package io.tagledger.query.view;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.query.RebuildableView;
import io.tagledger.query.messages.FindManifest;
import io.tagledger.query.messages.FindRepository;
import io.tagledger.query.messages.ImagePage;
import io.tagledger.query.messages.ListImages;
import io.tagledger.query.messages.ListTags;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagStatus;
import io.tagledger.query.messages.TagSummary;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tagledger.query.Events.REPOSITORY;
import static io.tagledger.query.Events.created;
import static io.tagledger.query.Events.deleted;
import static io.tagledger.query.Events.digest;
import static io.tagledger.query.Events.pushed;
import static io.tagledger.query.Events.untagged;
import static org.assertj.core.api.Assertions.assertThat;

/** The registry views in a real H2 database, kept by their projection from given events, read by their queries. */
@JdbcTest
@Import({RegistryViewProjection.class, RegistryViews.class, RepositoryEntries.class, ImageEntries.class, TagEntries.class,
        RegistryViewProjectionTest.NoManifestCache.class})
class RegistryViewProjectionTest {

    /** The handlers are called here without the ledger writer, which keeps the cache current: the views alone are read. */
    @TestConfiguration
    static class NoManifestCache {
        @Bean
        ManifestCache manifestCache() {
            return new ManifestCache(0);
        }
    }

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    private RegistryViewProjection projection;
    @Autowired
    private RegistryViews queries;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void pushesMovesUntagsAndDeletionsShowInTheViews() {
        projection.on(created(TagMutabilityMode.MUTABLE), T0);
        projection.on(pushed('a', "latest", null), T0.plusSeconds(1));
        projection.on(pushed('b', "latest", digest('a')), T0.plusSeconds(2));
        projection.on(pushed('c', "v1", null), T0.plusSeconds(3));
        projection.on(untagged("v1", 'c'), T0.plusSeconds(4));
        projection.on(deleted('c'), T0.plusSeconds(5));

        assertThat(queries.handle(new ListTags(REPOSITORY, 100, null)).orElseThrow().items())
                .containsExactly(new TagSummary("latest", digest('b'), T0.plusSeconds(2)));
        ImagePage untaggedImages = queries.handle(new ListImages(REPOSITORY, TagStatus.UNTAGGED, 100, null)).orElseThrow();
        assertThat(untaggedImages.items()).singleElement().satisfies(image -> assertThat(image.digest()).isEqualTo(digest('a')));
        RepositorySummary repository = queries.handle(new FindRepository(REPOSITORY)).orElseThrow();
        assertThat(repository.imageCount()).isEqualTo(2);
        assertThat(queries.handle(new FindManifest(REPOSITORY, "latest")).orElseThrow().manifest()).isEqualTo("{\"manifest\":\"b\"}");
    }

    @Test
    void aDeletedRepositoryLeavesNoRowBehind() {
        projection.on(created(TagMutabilityMode.IMMUTABLE), T0);
        projection.on(pushed('a', "v1", null), T0.plusSeconds(1));
        projection.on(new RepositoryDeleted(REPOSITORY, true, 1), T0.plusSeconds(2));

        assertThat(queries.handle(new FindRepository(REPOSITORY))).isEmpty();
        assertThat(queries.handle(new ListTags(REPOSITORY, 100, null))).isEmpty();
        projection.on(created(TagMutabilityMode.MUTABLE), T0.plusSeconds(3));
        assertThat(queries.handle(new ListImages(REPOSITORY, TagStatus.ANY, 100, null)).orElseThrow().items()).isEmpty();
    }

    /** Events of every kind, a repository deleted and created again among them. */
    private static List<EventMessage<?>> history() {
        Object[] payloads = {created(TagMutabilityMode.MUTABLE), pushed('a', "latest", null), pushed('b', "latest", digest('a')),
                pushed('c', "v1", null), pushed('c', "v2", null), untagged("v1", 'c'), deleted('a'),
                new RepositoryDeleted(REPOSITORY, true, 2), created(TagMutabilityMode.IMMUTABLE), pushed('d', "v1", null),
                pushed('e', null, null), deleted('e')};
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            events.add(new GenericEventMessage<>(UUID.randomUUID().toString(), payloads[i], Map.of(), T0.plusSeconds(i)));
        }
        return events;
    }

    private String views() {
        return jdbc.queryForList("select * from repository_view order by name").toString()
                + jdbc.queryForList("select * from image_view order by repository_name, digest")
                + jdbc.queryForList("select * from tag_view order by repository_name, tag");
    }

    /** A rebuild folds in memory and writes in batches, then, once its memory is written, event by event: the same rows as the live projection. */
    @Test
    void aRebuildWritesTheSameRowsAsTheLiveProjectionWhetherFromMemoryOrRowByRow() {
        List<EventMessage<?>> events = history();
        events.forEach(event -> projection.on(event.getPayload(), event.getTimestamp()));
        String live = views();
        for (int flushAt : new int[] {events.size() - 1, 4, 0}) {
            jdbc.update("delete from tag_view");
            jdbc.update("delete from image_view");
            jdbc.update("delete from repository_view");
            RebuildableView.Rebuild rebuild = projection.rebuildInto(jdbc, "");
            for (int i = 0; i < events.size(); i++) {
                rebuild.apply(i + 1, events.get(i));
                if (i == flushAt) {
                    rebuild.flush();
                }
            }
            rebuild.flush();
            assertThat(views()).as("flushed after event " + flushAt).isEqualTo(live);
        }
    }
}
