package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection whose handler fails on an event stops on that event and retries it: it never logs the
 * failure and moves on. Operators see it, and once the cause is gone the event is in the view.
 */
class ProjectionFailureTest extends ApiTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        // The test changes the audit trail's table; no other test may share it.
        useOwnDatabase(registry);
    }

    @Test
    void aFailingHandlerStopsItsProjectionUntilTheCauseIsFixedAndSkipsNothing() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        // The database now refuses the trail entries of one caller: a handler failure that no retry can fix.
        jdbc.execute("alter table audit_trail add constraint refuse_mallory check (claimed_by <> 'mallory')");
        try {
            Response pushed = exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/repositories/" + name + "/-/manifests/v1"))
                    .header("X-Actor", "mallory")
                    .PUT(HttpRequest.BodyPublishers.ofString(manifest("poison"), StandardCharsets.UTF_8)).build());
            assertThat(pushed.status()).isEqualTo(201);
            String eventId = jdbc.queryForObject("select event_identifier from domain_event_entry where aggregate_identifier = ? "
                    + "and sequence_number = 1", String.class, name);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode trail = projection("audit-trail");
                assertThat(trail.get("state").asText()).isEqualTo("failing");
                assertThat(trail.at("/failure/eventId").asText()).isEqualTo(eventId);
                assertThat(trail.at("/failure/eventType").asText()).isEqualTo("ImagePushed");
                assertThat(trail.at("/failure/repository").asText()).isEqualTo(name);
                assertThat(trail.at("/failure/error").asText()).containsIgnoringCase("REFUSE_MALLORY");
            });
            Response health = get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(health.json().at("/components/projections/details/audit-trail/eventId").asText()).isEqualTo(eventId);
            // The other projections went on: the push is in the views.
            assertThat(get("/repositories/" + name + "/-/tags/v1").status()).isEqualTo(200);
            assertThat(projection("registry-views").get("state").asText()).isEqualTo("live");
        } finally {
            jdbc.execute("alter table audit_trail drop constraint refuse_mallory");
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(projection("audit-trail").get("state").asText()).isEqualTo("live");
            assertThat(get("/actuator/health").status()).isEqualTo(200);
        });
        JsonNode trail = get("/audit?repository=" + name + "&type=ImagePushed").json().get("items");
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).get("claimedBy").asText()).isEqualTo("mallory");
        assertThat(trail.get(0).get("type").asText()).isEqualTo("ImagePushed");
        assertThat(trail.get(0).get("sequenceNumber").asLong()).isEqualTo(1);
    }

    @Test
    void aRefusalThatCannotBeRecordedIsNotAnsweredAsARefusal() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        assertThat(push(name, "v1", manifest("first")).status()).isEqualTo(201);
        jdbc.execute("alter table domain_event_entry add constraint refuse_refusals "
                + "check (payload_type <> 'io.tagledger.domain.event.CommandRefused')");
        try {
            Response unrecorded = push(name, "v1", manifest("second"));
            assertThat(unrecorded.status()).as(unrecorded.toString()).isEqualTo(500);
            assertThat(unrecorded.json().get("code").asText()).isEqualTo("ServerException");
        } finally {
            jdbc.execute("alter table domain_event_entry drop constraint refuse_refusals");
        }
        Response refused = push(name, "v1", manifest("second"));
        assertThat(refused.status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/audit?repository=" + name + "&outcome=refused").json().get("items")).hasSize(1));
    }

    private JsonNode projection(String name) {
        for (JsonNode projection : get("/admin/projections").json()) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("No projection " + name);
    }
}
