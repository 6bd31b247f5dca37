package io.tagledger.api;

import io.tagledger.api.registry.RegistryCommands;
import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.DeleteImage;
import io.tagledger.domain.command.DeleteRepository;
import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.command.SetTagMutability;
import io.tagledger.domain.command.UntagImage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every projection can be rebuilt from the event store while the service runs, and comes back identical. */
class ReplayTest extends ApiTest {

    private static final List<String> VIEWS = List.of(
            "select * from repository_view order by name",
            "select * from image_view order by repository_name, digest",
            "select * from tag_view order by repository_name, tag",
            "select * from audit_trail order by position",
            "select repository_name, tag, digest, valid_from, valid_to, moved_by, ended_by, ended_how from tag_history "
                    + "order by repository_name, tag, valid_from, digest");

    @Autowired
    private RegistryCommands commands;

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

    @Test
    void replayingEveryProjectionRebuildsViewsIdenticalToBefore() throws Exception {
        fillHistory();
        await().atMost(Duration.ofSeconds(30)).until(this::allLive);
        long events = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        assertThat(events).isGreaterThan(2000);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("select count(*) from audit_trail", Long.class) == events);
        String before = checksum();
        JsonNode tagsBefore = get("/repositories/replay/immutable/-/tags?limit=1000").json();
        JsonNode trailBefore = get("/audit?repository=replay/mutable&limit=20").json();

        for (String projection : List.of("registry-views", "audit-trail", "tag-history")) {
            Response started = send("POST", "/admin/projections/" + projection + "/replay", null, null);
            assertThat(started.status()).isEqualTo(202);
        }

        // While the views are rebuilt, a query gets either the complete answer or a 503 with Retry-After,
        // and the service is not ready (its probe answers 503), though its overall health stays 200.
        int unavailable = 0;
        int notReady = 0;
        while (!allLive()) {
            Response readiness = get("/actuator/health/readiness");
            if (readiness.status() == 503) {
                notReady++;
                assertThat(readiness.json().get("status").asText()).isEqualTo("OUT_OF_SERVICE");
            }
            assertThat(get("/actuator/health").status()).isEqualTo(200);
            for (Map.Entry<String, JsonNode> query : Map.of(
                    "/repositories/replay/immutable/-/tags?limit=1000", tagsBefore,
                    "/audit?repository=replay/mutable&limit=20", trailBefore).entrySet()) {
                Response response = get(query.getKey());
                if (response.status() == 503) {
                    unavailable++;
                    assertThat(response.header("Retry-After")).matches("\\d+");
                    assertThat(response.json().get("code").asText()).isEqualTo("ServiceUnavailableException");
                } else {
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.json()).isEqualTo(query.getValue());
                }
            }
        }
        assertThat(unavailable).as("queries refused while replaying").isPositive();
        assertThat(notReady).as("readiness probes answered 503 while replaying").isPositive();
        assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);

        assertThat(checksum()).isEqualTo(before);
        for (JsonNode projection : get("/admin/projections").json()) {
            assertThat(projection.get("position").asLong()).isEqualTo(projection.get("head").asLong());
            assertThat(projection.get("progressPercent").asDouble()).isEqualTo(100.0);
            assertThat(projection.get("eventsPerSecond").asDouble()).isPositive();
        }
        assertThat(get("/repositories/replay/immutable/-/tags?limit=1000").json()).isEqualTo(tagsBefore);
    }

    @Test
    void anUnknownProjectionIsNotFound() {
        assertThat(send("POST", "/admin/projections/nothing/replay", null, null).status()).isEqualTo(404);
    }

    @Test
    void writesDuringAReplayAreAnsweredFromTheEventStream() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertThat(send("POST", "/admin/projections/registry-views/replay", null, null).status()).isEqualTo(202);

        Response changed = putJson("/repositories/" + name + "/-/tag-mutability", "{\"imageTagMutability\":\"IMMUTABLE\"}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
        // The event store itself answers throughout.
        assertThat(get("/repositories/" + name + "/-/events").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(this::allLive);
        assertThat(get("/repositories/" + name).json().get("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
    }
}
