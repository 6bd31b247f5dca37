package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.api.registry.RegistryCommands;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.ResourceTags;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.TemplateUse;
import io.tagledger.domain.command.ApplyLifecyclePolicy;
import io.tagledger.domain.command.CreateCreationTemplate;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.DeleteCreationTemplate;
import io.tagledger.domain.command.DeleteImage;
import io.tagledger.domain.command.DeleteLifecyclePolicy;
import io.tagledger.domain.command.DeleteRepository;
import io.tagledger.domain.command.DeleteRepositoryPolicy;
import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.command.PutLifecyclePolicy;
import io.tagledger.domain.command.SetImageScanning;
import io.tagledger.domain.command.SetRepositoryPolicy;
import io.tagledger.domain.command.SetTagMutability;
import io.tagledger.domain.command.SetTrustPolicy;
import io.tagledger.domain.command.TagRepository;
import io.tagledger.domain.command.UntagImage;
import io.tagledger.domain.command.UntagRepository;
import io.tagledger.domain.command.UpdateCreationTemplate;
import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustPolicy;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every projection can be rebuilt from the event store while the service runs and answers, and comes back identical. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest extends ApiTest {

    private static final List<String> VIEWS = List.of(
            "select * from repository_view order by name",
            "select * from image_view order by repository_name, digest",
            "select * from tag_view order by repository_name, tag",
            "select * from audit_trail order by position",
            "select repository_name, tag, digest, valid_from, valid_to, moved_by, ended_by, ended_how from tag_history "
                    + "order by repository_name, tag, valid_from, digest",
            "select * from repository_history order by repository_name, valid_from, valid_to",
            "select * from image_history order by repository_name, digest, pushed_at",
            "select * from creation_template order by prefix",
            "select * from repository_setting order by repository_name");

    @Autowired
    private RegistryCommands commands;
    @Autowired
    private ConfigurableApplicationContext context;

    /** A database of its own: a replay must not turn other test classes' queries into 503s. */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
    }

    private void send(RepositoryName name, Object command) {
        try {
            commands.send(name, command);
        } catch (RegistryException refused) {
            // Refusals belong in the history too: they are recorded for the audit trail.
        }
    }

    private static Manifest manifest(String seed, int i) {
        return Manifest.parse(ApiTest.manifest(seed + "-" + i), null);
    }

    /** A few thousand events of every kind, refusals included, over three repositories, one deleted and recreated. */
    private void fillHistory() {
        RepositoryName mutable = RepositoryName.parse("replay/mutable");
        RepositoryName immutable = RepositoryName.parse("replay/immutable");
        RepositoryName recreated = RepositoryName.parse("replay/recreated");
        send(mutable, new CreateRepository(mutable, TagMutability.MUTABLE));
        send(immutable, new CreateRepository(immutable, TagMutability.of(TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION, List.of("dev-*"))));
        send(recreated, new CreateRepository(recreated, TagMutability.MUTABLE));
        for (int i = 0; i < 500; i++) {
            send(mutable, new PushImage(mutable, manifest("m", i), ImageTag.parse("latest"), null));
            send(mutable, new PushImage(mutable, manifest("m", i), ImageTag.parse("build-" + i), null));
            send(immutable, new PushImage(immutable, manifest("i", i), ImageTag.parse("v" + (i % 50)), null));
            send(immutable, new PushImage(immutable, manifest("i", i), ImageTag.parse("dev-" + (i % 7)), null));
            if (i % 5 == 0) {
                send(mutable, new UntagImage(mutable, ImageTag.parse("build-" + i)));
                send(recreated, new PushImage(recreated, manifest("r", i), null, null));
            }
            if (i % 9 == 0) {
                send(mutable, new DeleteImage(mutable, manifest("m", i - 1).digest()));
                send(immutable, new SetTagMutability(immutable, TagMutability.of(
                        i % 2 == 0 ? TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION : TagMutabilityMode.MUTABLE_WITH_EXCLUSION,
                        List.of("dev-*"))));
            }
            if (i % 100 == 0) {
                TemplatePrefix prefix = TemplatePrefix.parse("replay/t" + i);
                commands.send(prefix, new CreateCreationTemplate(prefix, "t" + i, TagMutability.MUTABLE, Set.of(TemplateUse.CREATE_ON_PUSH),
                        new TrustPolicy(TrustMode.AUDIT, List.of("v*"), List.of(), List.of())));
                commands.send(prefix, new UpdateCreationTemplate(prefix, null, TagMutability.of(TagMutabilityMode.IMMUTABLE, List.of()), null,
                        TrustPolicy.OFF));
                if (i % 200 == 0) {
                    commands.send(prefix, new DeleteCreationTemplate(prefix));
                }
            }
            if (i % 100 == 50) {
                send(mutable, new PutLifecyclePolicy(mutable, LifecyclePolicyTest.POLICY));
                send(mutable, new ApplyLifecyclePolicy(mutable));
                send(mutable, new TagRepository(mutable, new ResourceTags(Map.of("team", "t" + i, "n" + i, "v"))));
                send(mutable, new UntagRepository(mutable, List.of("n" + (i - 100))));
                send(immutable, new SetImageScanning(immutable, i % 200 == 50));
                send(immutable, new SetRepositoryPolicy(immutable, "{\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\","
                        + "\"Action\":\"ecr:DeleteRepository\",\"Sid\":\"" + i + "\"}}"));
                send(mutable, new SetTrustPolicy(mutable, i % 200 == 50 ? TrustMode.AUDIT : TrustMode.OFF, List.of("gated-*"), List.of(), List.of()));
                send(mutable, new PushImage(mutable, manifest("m", i), ImageTag.parse("gated-" + i), null).withSignatures(List.of()));
                if (i % 200 == 50) {
                    send(mutable, new DeleteLifecyclePolicy(mutable));
                    send(immutable, new DeleteRepositoryPolicy(immutable));
                }
            }
            if (i == 250) {
                send(recreated, new DeleteRepository(recreated, true));
                send(recreated, new CreateRepository(recreated, TagMutability.of(TagMutabilityMode.IMMUTABLE, List.of())));
            }
        }
    }

    private String checksum() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String view : VIEWS) {
            for (Map<String, Object> row : jdbc.queryForList(view)) {
                sha.update(row.toString().getBytes(StandardCharsets.UTF_8));
            }
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private boolean allLive() {
        JsonNode projections = get("/admin/projections").json();
        for (JsonNode projection : projections) {
            if (!projection.get("state").asText().equals("live")) {
                return false;
            }
        }
        return true;
    }

    private boolean anyReplaying() {
        for (JsonNode projection : get("/admin/projections").json()) {
            if (projection.get("state").asText().equals("replaying")) {
                return true;
            }
        }
        return false;
    }

    private void replayAll() {
        for (JsonNode view : get("/admin/projections").json()) {
            String projection = view.get("name").asText();
            Response started = send("POST", "/admin/projections/" + projection + "/replay", null, null);
            assertThat(started.status()).isEqualTo(202);
        }
    }

    /**
     * Every view rebuilt from a few thousand events of every kind: meanwhile every query answers 200 with
     * what it answered before, the node stays ready, and the rebuilt views are the same, row for row.
     */
    @Test
    @Order(1)
    void replayingEveryProjectionKeepsAnsweringAndRebuildsViewsIdenticalToBefore() throws Exception {
        fillHistory();
        await().atMost(Duration.ofSeconds(30)).until(this::allLive);
        long events = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        assertThat(events).isGreaterThan(2000);
        assertThat(jdbc.queryForObject("select count(*) from audit_trail", Long.class)).isEqualTo(events);
        String before = checksum();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String query : List.of("/repositories/replay/immutable/-/tags?limit=1000", "/audit?repository=replay/mutable&limit=20",
                "/repositories/replay/immutable/-/tags/v7/history", "/repositories/replay/mutable")) {
            answers.put(query, get(query).json());
        }

        replayAll();
        int whileReplaying = 0;
        do {
            boolean replaying = anyReplaying();
            assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
            for (Map.Entry<String, JsonNode> query : answers.entrySet()) {
                Response response = get(query.getKey());
                assertThat(response.status()).as(query.getKey() + ": " + response).isEqualTo(200);
                assertThat(response.json()).as(query.getKey()).isEqualTo(query.getValue());
            }
            whileReplaying += replaying ? 1 : 0;
        } while (!allLive());
        assertThat(whileReplaying).as("rounds of queries while a view was being rebuilt").isPositive();

        assertThat(checksum()).isEqualTo(before);
        for (JsonNode projection : get("/admin/projections").json()) {
            assertThat(projection.get("position").asLong()).isEqualTo(projection.get("head").asLong());
            assertThat(projection.get("progressPercent").asDouble()).isEqualTo(100.0);
            assertThat(projection.get("eventsPerSecond").asDouble()).isPositive();
            assertThat(projection.has("rebuildError")).as(projection.toString()).isFalse();
        }
        assertThat(jdbc.queryForList("select table_name from information_schema.tables where lower(table_name) like '%\\_next'", String.class))
                .as("fresh tables left behind").isEmpty();
    }

    /**
     * Rebuilds while writers push, move and delete over REST and readers query: no read fails, every
     * acknowledged write is in the rebuilt views, and every view agrees with the event store.
     */
    @Test
    @Order(2)
    void aRebuildUnderConcurrentWritesAndReadsEndsEqualToTheEventStore() throws Exception {
        List<String> repositories = List.of(newRepositoryName(), newRepositoryName());
        createRepository(repositories.get(0), "MUTABLE");
        createRepository(repositories.get(1), "IMMUTABLE");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger acknowledged = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int writer = 0; writer < 2; writer++) {
            String repository = repositories.get(writer);
            int w = writer;
            threads.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String manifest = manifest("during-" + w + "-" + i);
                    Response pushed = push(repository, w == 0 ? "latest" : "v" + i, manifest);
                    if (pushed.status() == 201) {
                        acknowledged.incrementAndGet();
                    } else {
                        failures.add("push " + pushed);
                    }
                    if (w == 0 && i % 10 == 9) {
                        Response deleted = delete("/repositories/" + repository + "/-/images/" + digestOf(manifest("during-0-" + (i - 5))));
                        if (deleted.status() != 200 && deleted.status() != 204) {
                            failures.add("delete " + deleted);
                        }
                    }
                }
                return null;
            });
        }
        AtomicInteger readsWhileReplaying = new AtomicInteger();
        for (int reader = 0; reader < 2; reader++) {
            String repository = repositories.get(reader);
            threads.submit(() -> {
                while (!stop.get()) {
                    boolean replaying = anyReplaying();
                    for (String query : List.of("/repositories/" + repository + "/-/tags?limit=100", "/audit?repository=" + repository + "&limit=5",
                            "/repositories/" + repository)) {
                        Response response = get(query);
                        if (response.status() != 200) {
                            failures.add(query + ": " + response);
                        }
                    }
                    if (replaying) {
                        readsWhileReplaying.incrementAndGet();
                    }
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.get() > 50);
        // Every view at once, in one pass over the store.
        assertThat(send("POST", "/admin/projections/replay", null, null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> readsWhileReplaying.get() > 0 && allLive());
        int atSwap = acknowledged.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.get() > atSwap + 50);
        stop.set(true);
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();

        LedgerCheck ledger = ledgerCheck();
        ledger.awaitProjectionsAtHead();
        ledger.assertAuditTrailMatchesEventStore();
        for (String repository : repositories) {
            ledger.assertViewsMatchEventStream(repository);
            ledger.assertTagHistoriesMatchEventStream(repository);
        }
        String rebuiltUnderLoad = checksum();
        replayAll();
        await().atMost(Duration.ofSeconds(60)).until(this::allLive);
        assertThat(checksum()).as("the views rebuilt under load against a rebuild with no writes").isEqualTo(rebuiltUnderLoad);
    }

    /** A rebuild that fails keeps the views as they were, says why, drops what it wrote, and the next one succeeds. */
    @Test
    @Order(3)
    void aFailedRebuildLeavesTheViewsAsTheyWereAndSaysWhy() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(this::allLive);
        String before = checksum();
        // A table in the way of the tag histories' fresh one, which a view keeps from being dropped.
        jdbc.execute("create table tag_history_next (in_the_way int)");
        jdbc.execute("create view in_the_way as select * from tag_history_next");
        try {
            assertThat(send("POST", "/admin/projections/replay", null, null).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(this::allLive);
            for (JsonNode projection : get("/admin/projections").json()) {
                assertThat(projection.get("state").asText()).isEqualTo("live");
                assertThat(projection.get("rebuildError").asText()).as(projection.toString()).isNotBlank();
            }
            assertThat(checksum()).isEqualTo(before);
            assertThat(get("/repositories/replay/immutable/-/tags?limit=1000").status()).isEqualTo(200);
            assertThat(jdbc.queryForList("select table_name from information_schema.tables where lower(table_name) like '%\\_next' "
                    + "and lower(table_name) <> 'tag_history_next'", String.class)).as("fresh tables left behind").isEmpty();
        } finally {
            jdbc.execute("drop view in_the_way");
            jdbc.execute("drop table tag_history_next");
        }
        replayAll();
        await().atMost(Duration.ofSeconds(60)).until(this::allLive);
        for (JsonNode projection : get("/admin/projections").json()) {
            assertThat(projection.has("rebuildError")).as(projection.toString()).isFalse();
        }
        assertThat(checksum()).isEqualTo(before);
    }

    /**
     * A view new to a store that already holds events (the history's periods, in a data directory of an
     * earlier version) is rebuilt when the service is up, as its migration asks, while it answers.
     */
    @Test
    @Order(4)
    void aRebuildThatTheSchemasMigrationAskedForRunsOnceTheServiceIsUp() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(this::allLive);
        String before = checksum();
        jdbc.update("delete from repository_history");
        jdbc.update("delete from image_history");
        jdbc.update("update view_rebuild set state = 'requested' where view_name = 'history'");
        assertThat(get("/repositories/replay/immutable?asOf=" + Instant.now()).status()).isEqualTo(404);

        context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));

        await().atMost(Duration.ofSeconds(60)).until(() -> checksum().equals(before));
        await().atMost(Duration.ofSeconds(60)).until(this::allLive);
        assertThat(get("/repositories/replay/immutable?asOf=" + Instant.now()).status()).isEqualTo(200);
    }

    @Test
    void anUnknownProjectionIsNotFound() {
        assertThat(send("POST", "/admin/projections/nothing/replay", null, null).status()).isEqualTo(404);
    }
}
