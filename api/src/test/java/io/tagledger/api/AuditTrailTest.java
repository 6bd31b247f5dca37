package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Who did what, when: the audit trail, repository events and tag histories over real HTTP. Each actor
 * is a principal of its own, authenticated with HTTP Basic and an access key.
 */
@TestPropertySource(properties = {
        "tagledger.security.grants[0].groups=team",
        "tagledger.security.grants[0].actions=*"})
class AuditTrailTest extends ApiTest {

    private static final List<String> ACTORS = List.of("alice", "bob", "carol", "dave", "erin", "mallory", "manifest", "auditor");

    @DynamicPropertySource
    static void identities(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
        for (int i = 0; i < ACTORS.size(); i++) {
            String actor = ACTORS.get(i);
            registry.add("tagledger.security.access-keys[" + i + "].id", () -> "AKID" + actor.toUpperCase());
            registry.add("tagledger.security.access-keys[" + i + "].secret", () -> actor + "-secret");
            registry.add("tagledger.security.access-keys[" + i + "].principal", () -> actor);
            registry.add("tagledger.security.access-keys[" + i + "].groups", () -> "team");
        }
    }

    @Override
    protected String authorization() {
        return basic("AKIDAUDITOR", "auditor-secret");
    }

    private Response as(String actor, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic("AKID" + actor.toUpperCase(), actor + "-secret"))
                .header("X-Correlation-Id", "deploy-" + actor)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    private List<JsonNode> items(Response response) {
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    @Test
    void everyEventCarriesWhoCausedItAndFromWhere() {
        String name = newRepositoryName();
        Response created = as("alice", "POST", "/repositories", "application/json", "{\"name\":\"" + name + "\"}");
        as("bob", "PUT", "/repositories/" + name + "/-/manifests/v1", null, manifest("who"));

        List<JsonNode> events = items(get("/repositories/" + name + "/-/events"));

        assertThat(events).extracting(event -> event.get("type").asText()).containsExactly("RepositoryCreated", "ImagePushed");
        JsonNode first = events.get(0).get("metadata");
        assertThat(first.get("principal").asText()).isEqualTo("alice");
        assertThat(first.get("api").asText()).isEqualTo("rest");
        assertThat(first.get("sourceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(first.get("userAgent").asText()).contains("Java-http-client");
        assertThat(first.get("requestId").asText()).isEqualTo(created.header("X-Request-Id"));
        assertThat(first.get("correlationId").asText()).isEqualTo("deploy-alice");
        assertThat(first.get("hash").asText()).hasSize(64);
        assertThat(events.get(1).get("metadata").get("principal").asText()).isEqualTo("bob");
    }

    @Test
    void aRepositorysEventsArePagedInOrderWithoutTheManifestBody() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        for (int i = 0; i < 4; i++) {
            push(name, "v" + i, manifest(name + i));
        }

        List<Long> sequences = new ArrayList<>();
        String after = null;
        do {
            Response page = get("/repositories/" + name + "/-/events?limit=2" + (after == null ? "" : "&after=" + after));
            for (JsonNode event : items(page)) {
                sequences.add(event.get("sequenceNumber").asLong());
                assertThat(event.get("payload").has("manifest")).isFalse();
                assertThat(event.get("timestamp").asText()).isNotBlank();
            }
            after = page.json().has("nextCursor") ? page.json().get("nextCursor").asText() : null;
        } while (after != null && sequences.size() < 100);

        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(get("/repositories/never/existed/-/events").status()).isEqualTo(404);
    }

    @Test
    void aRefusedPushIsInTheTrailWithItsCodeAndWhoTriedIt() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        as("alice", "PUT", "/repositories/" + name + "/-/manifests/v1", null, manifest("genuine"));
        long historyBefore = storedEvents();

        Response refused = as("mallory", "PUT", "/repositories/" + name + "/-/manifests/v1", null, manifest("forged"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(storedEvents()).isEqualTo(historyBefore);
        List<JsonNode> trail = await().atMost(Duration.ofSeconds(10)).until(
                () -> items(get("/audit?repository=" + name + "&outcome=refused")), list -> !list.isEmpty());
        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.get("principal").asText()).isEqualTo("mallory");
            assertThat(entry.get("errorCode").asText()).isEqualTo("ImageTagAlreadyExistsException");
            assertThat(entry.get("type").asText()).isEqualTo("CommandRefused");
            assertThat(entry.get("payload").get("command").asText()).isEqualTo("PushImage");
            assertThat(entry.get("payload").get("tag").asText()).isEqualTo("v1");
            assertThat(entry.get("payload").get("digest").asText()).as("what was tried").isEqualTo(digestOf(manifest("forged")));
            assertThat(entry.has("sequenceNumber")).isFalse();
        });
        assertThat(items(get("/repositories/" + name + "/-/events"))).hasSize(2);
        assertThat(get("/repositories/" + name + "/-/tags/v1").json().get("digest").asText()).isEqualTo(digestOf(manifest("genuine")));
    }

    @Test
    void aDeleteOfAMissingImageIsInTheTrail() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        as("carol", "DELETE", "/repositories/" + name + "/-/images/" + digestOf("absent"), null, null);

        List<JsonNode> trail = await().atMost(Duration.ofSeconds(10)).until(
                () -> items(get("/audit?principal=carol&outcome=refused&repository=" + name)), list -> !list.isEmpty());
        assertThat(trail.get(0).get("errorCode").asText()).isEqualTo("ImageNotFoundException");
        assertThat(trail.get(0).get("payload").get("command").asText()).isEqualTo("DeleteImage");
    }

    @Test
    void theTrailFiltersOrdersAndPages() {
        String name = newRepositoryName();
        Instant start = Instant.now();
        as("dave", "POST", "/repositories", "application/json", "{\"name\":\"" + name + "\"}");
        for (int i = 0; i < 5; i++) {
            as("dave", "PUT", "/repositories/" + name + "/-/manifests/t" + i, null, manifest(name + "t" + i));
        }
        as("erin", "PUT", "/repositories/" + name + "/-/manifests/t0", null, manifest(name + "moved"));

        List<JsonNode> newest = items(get("/audit?repository=" + name));
        assertThat(newest).hasSize(7);
        assertThat(newest.get(0).get("principal").asText()).isEqualTo("erin");
        assertThat(newest).extracting(entry -> entry.get("position").asLong()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(items(get("/audit?repository=" + name + "&principal=erin"))).hasSize(1);
        assertThat(items(get("/audit?repository=" + name + "&type=RepositoryCreated"))).hasSize(1);
        assertThat(items(get("/audit?repository=" + name + "&from=" + start))).hasSize(7);
        assertThat(items(get("/audit?repository=" + name + "&to=" + start))).isEmpty();

        List<Long> oldestFirst = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get("/audit?repository=" + name + "&order=oldest&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            items(page).forEach(entry -> oldestFirst.add(entry.get("position").asLong()));
            cursor = page.json().has("nextCursor") ? page.json().get("nextCursor").asText() : null;
        } while (cursor != null && oldestFirst.size() < 100);
        assertThat(oldestFirst).hasSize(7).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theTrailStreamsAsNdjsonForLogShipping() throws Exception {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        for (int i = 0; i < 3; i++) {
            push(name, "n" + i, manifest(name + i));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/audit?order=oldest&repository=" + name))
                .header("Authorization", authorization())
                .header("Accept", "application/x-ndjson").build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-ndjson");
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("repository").asText()).isEqualTo(name);
        }
    }

    @Test
    void badTrailParametersAreRejected() {
        assertThat(get("/audit?outcome=maybe").json().get("field").asText()).isEqualTo("outcome");
        assertThat(get("/audit?from=yesterday").json().get("field").asText()).isEqualTo("from");
        assertThat(get("/audit?order=sideways").status()).isEqualTo(400);
        assertThat(get("/audit?limit=0").status()).isEqualTo(400);
    }

    @Test
    void aTagsHistoryShowsEveryDigestWithWhoMovedItAndWhen() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String first = manifest(name + "first");
        String second = manifest(name + "second");
        as("alice", "PUT", "/repositories/" + name + "/-/manifests/prod", null, first);
        as("alice", "PUT", "/repositories/" + name + "/-/manifests/keep", null, second);
        as("bob", "PUT", "/repositories/" + name + "/-/manifests/prod", null, second);
        as("carol", "DELETE", "/repositories/" + name + "/-/tags/prod", null, null);

        JsonNode history = get("/repositories/" + name + "/-/tags/prod/history").json();

        JsonNode periods = history.get("periods");
        assertThat(periods).hasSize(2);
        assertThat(periods.get(0).get("digest").asText()).isEqualTo(digestOf(first));
        assertThat(periods.get(0).get("movedBy").asText()).isEqualTo("alice");
        assertThat(periods.get(0).get("endedBy").asText()).isEqualTo("bob");
        assertThat(periods.get(0).get("endedHow").asText()).isEqualTo("moved");
        assertThat(periods.get(0).get("to").asText()).isEqualTo(periods.get(1).get("from").asText());
        assertThat(periods.get(1).get("digest").asText()).isEqualTo(digestOf(second));
        assertThat(periods.get(1).get("movedBy").asText()).isEqualTo("bob");
        assertThat(periods.get(1).get("endedBy").asText()).isEqualTo("carol");
        assertThat(periods.get(1).get("endedHow").asText()).isEqualTo("untagged");
        assertThat(get("/repositories/" + name + "/-/tags/never/history").status()).isEqualTo(404);
    }

    @Test
    void aDeletedRepositoryKeepsItsHistory() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        push(name, "v1", manifest(name));
        assertThat(delete("/repositories/" + name + "?force=true").status()).isEqualTo(204);

        assertThat(get("/repositories/" + name).status()).isEqualTo(404);
        assertThat(items(get("/repositories/" + name + "/-/events"))).extracting(event -> event.get("type").asText())
                .containsExactly("RepositoryCreated", "ImagePushed", "RepositoryDeleted");
        JsonNode period = get("/repositories/" + name + "/-/tags/v1/history").json().get("periods").get(0);
        assertThat(period.get("endedHow").asText()).isEqualTo("repository-deleted");
        assertThat(get("/repositories/" + name + "/-/audit/verify").json().get("verified").asBoolean()).isTrue();
    }

    @Test
    void aRefusedDeletionOfARepositoryThatDoesNotExistIsInTheTrailOnBothApis() {
        String overRest = newRepositoryName();
        String overEcr = newRepositoryName();
        assertThat(as("mallory", "DELETE", "/repositories/" + overRest, null, null).status()).isEqualTo(404);
        try (EcrClient ecr = EcrApiTest.ecrClient(port, "AKIDMALLORY", "mallory-secret")) {
            assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName(overEcr)))
                    .isInstanceOf(RepositoryNotFoundException.class);
        }

        for (String name : List.of(overRest, overEcr)) {
            List<JsonNode> trail = await().atMost(Duration.ofSeconds(10)).until(
                    () -> items(get("/audit?repository=" + name + "&outcome=refused")), list -> !list.isEmpty());
            assertThat(trail).singleElement().satisfies(entry -> {
                assertThat(entry.get("errorCode").asText()).isEqualTo("RepositoryNotFoundException");
                assertThat(entry.at("/payload/command").asText()).isEqualTo("DeleteRepository");
            });
        }
    }
}
