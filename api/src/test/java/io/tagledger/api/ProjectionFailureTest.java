package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagledger.api.settings.TagledgerProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A view whose handler fails on an event never skips it: the view is written in the transaction that
 * stores the event, so the command fails with nothing stored, and the ledger never holds an event its
 * views lack. Operators see the failure until the view applies events again.
 */
class ProjectionFailureTest extends ApiTest {

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private TagledgerProperties properties;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        // The test changes the audit trail's table; no other test may share it.
        useOwnDatabase(registry);
    }

    @Test
    void aPushWhoseAuditEntryCannotBeWrittenFailsWithNothingStoredAndShows() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        long eventsBefore = storedEvents();
        // The database now refuses the trail entries of one caller: a handler failure that no retry can fix.
        jdbc.execute("alter table audit_trail add constraint refuse_mallory check (claimed_by <> 'mallory')");
        try {
            Response pushed = exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/repositories/" + name + "/-/manifests/v1"))
                    .header("X-Actor", "mallory")
                    .PUT(HttpRequest.BodyPublishers.ofString(manifest("poison"), StandardCharsets.UTF_8)).build());
            assertThat(pushed.status()).as(pushed.toString()).isEqualTo(500);
            assertThat(pushed.json().get("code").asText()).isEqualTo("ServerException");
            assertThat(storedEvents()).isEqualTo(eventsBefore);
            assertThat(get("/repositories/" + name + "/-/tags/v1").status()).isEqualTo(404);

            JsonNode trail = projection("audit-trail");
            assertThat(trail.get("state").asText()).isEqualTo("failing");
            assertThat(trail.at("/failure/eventType").asText()).isEqualTo("ImagePushed");
            assertThat(trail.at("/failure/repository").asText()).isEqualTo(name);
            assertThat(trail.at("/failure/error").asText()).containsIgnoringCase("REFUSE_MALLORY");
            Response health = get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(health.json().at("/components/projections/details/audit-trail/eventType").asText()).isEqualTo("ImagePushed");
        } finally {
            jdbc.execute("alter table audit_trail drop constraint refuse_mallory");
        }

        // The cause is gone: the same push is stored with its trail entry, and the view is live again.
        Response again = exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/repositories/" + name + "/-/manifests/v1"))
                .header("X-Actor", "mallory")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest("poison"), StandardCharsets.UTF_8)).build());
        assertThat(again.status()).isEqualTo(201);
        assertThat(projection("audit-trail").get("state").asText()).isEqualTo("live");
        assertThat(get("/actuator/health").status()).isEqualTo(200);
        JsonNode entries = get("/audit?repository=" + name + "&type=ImagePushed").json().get("items");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("claimedBy").asText()).isEqualTo("mallory");
        assertThat(entries.get(0).get("sequenceNumber").asLong()).isEqualTo(1);
    }

    /**
     * One repository's pushes are pipelined: each is decided on the state the previous one left in
     * memory, before that one is written. When a write fails in the ledger writer, every write decided
     * on it must be decided again on what the store holds: none may be stored out of sequence, break
     * the hash chain, or answer a state that never was.
     */
    @Test
    void writesDecidedOnAFailedWriteOfTheirRepositoryAreDecidedAgain() throws Exception {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        double redecidedBefore = meters.counter("tagledger.ledger.writes.redecided").count();
        int writers = 8;
        int pushes = 12;
        jdbc.execute("alter table audit_trail add constraint refuse_mallory check (claimed_by <> 'mallory')");
        List<List<Integer>> statuses;
        try {
            statuses = Race.of(writers, writer -> {
                List<Integer> answers = new ArrayList<>();
                for (int i = 0; i < pushes; i++) {
                    String actor = i % 3 == 0 ? "mallory" : "writer-" + writer;
                    answers.add(exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/repositories/" + name
                                    + "/-/manifests/t" + writer + "-" + i))
                            .header("X-Actor", actor)
                            .PUT(HttpRequest.BodyPublishers.ofString(manifest("pipelined-" + writer + "-" + i), StandardCharsets.UTF_8))
                            .build()).status());
                }
                return answers;
            });
        } finally {
            jdbc.execute("alter table audit_trail drop constraint refuse_mallory");
        }
        for (List<Integer> answers : statuses) {
            for (int i = 0; i < pushes; i++) {
                assertThat(answers.get(i)).as("push " + i).isEqualTo(i % 3 == 0 ? 500 : 201);
            }
        }
        // The cause is gone: one more push makes the trail live again, for the checks below and the next test.
        assertThat(push(name, "after", manifest("pipelined-after")).status()).isEqualTo(201);

        List<Long> sequences = jdbc.queryForList("select sequence_number from domain_event_entry where aggregate_identifier = ?"
                + " order by sequence_number", Long.class, name);
        List<Long> contiguous = new ArrayList<>();
        for (long i = 0; i < sequences.size(); i++) {
            contiguous.add(i);
        }
        assertThat(sequences).as("the repository's events, in sequence with no gap").isEqualTo(contiguous);
        int accepted = writers * (pushes - (pushes + 2) / 3) + 1;
        assertThat(get("/repositories/" + name + "/-/tags?limit=1000").json().get("items")).hasSize(accepted);
        assertThat(get("/repositories/" + name + "/-/audit/verify").json().get("verified").asBoolean()).isTrue();
        LedgerCheck ledger = ledgerCheck();
        ledger.assertViewsMatchEventStream(name);
        ledger.assertTagHistoriesMatchEventStream(name);
        if (!properties.sharedDatabase()) {
            // With several nodes a command first waits for its repository's queued writes (the staleness
            // check reads the store), so nothing is decided on a write still queued.
            assertThat(meters.counter("tagledger.ledger.writes.redecided").count() - redecidedBefore)
                    .as("writes were decided on a failed one, and decided again: the race this test is about happened").isPositive();
        }
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
