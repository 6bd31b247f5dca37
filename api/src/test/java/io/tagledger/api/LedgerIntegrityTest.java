package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger never loses or bends a fact under load: many writers race over the REST, ECR and OCI APIs, then every
 * projection is compared with the event store, entry by entry. Each repetition is a new round on the
 * same store, so later rounds also check that earlier facts stayed put.
 */
class LedgerIntegrityTest extends ApiTest {

    private static final int WRITERS = 12;
    private static final int REQUESTS_PER_WRITER = 40;
    private static final int REPOSITORIES = 6;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        // The whole store is compared with the whole trail: no other test's events may be in it.
        useOwnDatabase(registry);
    }

    private EcrClient ecr;

    @BeforeEach
    void connect() {
        ecr = EcrApiTest.ecrClient(port, "AKIDRACER", "any-secret");
    }

    @AfterEach
    void disconnect() {
        ecr.close();
    }

    @RepeatedTest(3)
    void everyProjectionAgreesWithTheEventStoreAfterConcurrentWritersOnBothApis() throws Exception {
        List<String> repositories = new ArrayList<>();
        for (int i = 0; i < REPOSITORIES; i++) {
            String name = newRepositoryName();
            createRepository(name, i % 2 == 0 ? "IMMUTABLE" : "MUTABLE");
            repositories.add(name);
        }

        runWriters(repositories);
        awaitProjectionsAtHead();
        for (String api : List.of("rest", "ecr", "oci")) {
            assertThat(ndjson("/audit?order=oldest&type=ImagePushed")).as("pushes over " + api)
                    .anyMatch(line -> line.contains("\"api\":\"" + api + "\""));
        }

        assertAuditTrailMatchesEventStore();
        for (String repository : repositories) {
            assertViewsMatchEventStream(repository);
            assertTagHistoriesMatchEventStream(repository);
        }
    }

    private enum Api { REST, ECR, OCI }

    /** One image per seed, the same however often asked: an OCI push uploads its blobs, the other APIs need none. */
    private final Map<String, OciImages.Image> images = new ConcurrentHashMap<>();

    private OciImages.Image imageOf(String seed) {
        return images.computeIfAbsent(seed, s -> OciImages.image(s, "amd64", 64));
    }

    /** Distinct tags, contended shared tags (refused when immutable), untags and deletes, on REST, ECR and OCI. */
    private void runWriters(List<String> repositories) throws Exception {
        List<Integer> requests = Race.of(WRITERS, writer -> {
            int sent = 0;
            for (int i = 0; i < REQUESTS_PER_WRITER; i++) {
                String repository = repositoryOf(repositories, writer, i);
                String seed = repository + "-w" + writer + "-" + i;
                Api api = Api.values()[(writer + i) % 3];
                switch (i % 5) {
                    case 0, 1 -> pushOver(api, repository, "w" + writer + "-" + i, seed);
                    case 2 -> pushOver(api, repository, "shared-" + (i % 3), seed);
                    // The tag this writer pushed two requests ago, and the image it pushed four ago.
                    case 3 -> untagOver(api, repositoryOf(repositories, writer, i - 2), "w" + writer + "-" + (i - 2));
                    default -> {
                        String earlier = repositoryOf(repositories, writer, i - 4);
                        delete("/repositories/" + earlier + "/-/images/" + imageOf(earlier + "-w" + writer + "-" + (i - 4)).manifest().digest());
                    }
                }
                sent++;
            }
            return sent;
        });
        assertThat(requests).containsOnly(REQUESTS_PER_WRITER);
    }

    private static String repositoryOf(List<String> repositories, int writer, int request) {
        return repositories.get((writer + request) % repositories.size());
    }

    private void pushOver(Api api, String repository, String tag, String seed) {
        OciImages.Image image = imageOf(seed);
        String manifest = new String(image.manifest().bytes(), StandardCharsets.UTF_8);
        switch (api) {
            case REST -> {
                Response response = push(repository, tag, manifest);
                assertThat(response.status()).as(response.toString()).isIn(201, 409);
            }
            case ECR -> {
                try {
                    ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest));
                } catch (EcrException refused) {
                    assertThat(refused.statusCode()).as(refused.getMessage()).isEqualTo(400);
                }
            }
            case OCI -> {
                for (OciImages.Blob blob : image.blobs()) {
                    Response uploaded = send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + blob.digest(),
                            "application/octet-stream", blob.bytes());
                    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
                }
                Response response = send("PUT", "/v2/" + repository + "/manifests/" + tag, OciImages.OCI_MANIFEST, image.manifest().bytes());
                assertThat(response.status()).as(response.toString()).isIn(201, 400);
            }
        }
    }

    private void untagOver(Api api, String repository, String tag) {
        switch (api) {
            case REST -> assertThat(delete("/repositories/" + repository + "/-/tags/" + tag).status()).isIn(204, 404, 409);
            case ECR -> ecr.batchDeleteImage(r -> r.repositoryName(repository).imageIds(id -> id.imageTag(tag)));
            case OCI -> assertThat(send("DELETE", "/v2/" + repository + "/manifests/" + tag, null, null).status()).isIn(202, 404);
        }
    }

    private void awaitProjectionsAtHead() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode projections = get("/admin/projections").json();
            for (JsonNode projection : projections) {
                assertThat(projection.get("state").asText()).as(projection.toString()).isEqualTo("live");
                assertThat(projection.get("position").asLong()).as(projection.toString())
                        .isGreaterThanOrEqualTo(projection.get("head").asLong());
            }
        });
    }

    /** Each stored event is one trail entry at its own global position, and each entry is one stored event. */
    private void assertAuditTrailMatchesEventStore() {
        Map<Long, String> expected = new TreeMap<>();
        jdbc.query("select global_index, aggregate_identifier, sequence_number, type, payload_type from domain_event_entry",
                row -> {
                    String payloadType = row.getString("payload_type");
                    String simpleName = payloadType.substring(payloadType.lastIndexOf('.') + 1);
                    expected.put(row.getLong("global_index"), row.getString("type") == null
                            ? "refused " + simpleName
                            : "accepted " + simpleName + " " + row.getString("aggregate_identifier") + "#" + row.getLong("sequence_number"));
                });
        Map<Long, String> trail = new TreeMap<>();
        for (String line : ndjson("/audit?order=oldest")) {
            JsonNode entry = parse(line);
            String described = entry.get("outcome").asText().equals("refused")
                    ? "refused " + entry.get("type").asText()
                    : "accepted " + entry.get("type").asText() + " " + entry.get("repository").asText() + "#" + entry.get("sequenceNumber").asLong();
            assertThat(trail.put(entry.get("position").asLong(), described)).as("position %s twice", entry.get("position")).isNull();
        }
        Map<Long, String> missing = new TreeMap<>(expected);
        missing.entrySet().removeAll(trail.entrySet());
        Map<Long, String> unexpected = new TreeMap<>(trail);
        unexpected.entrySet().removeAll(expected.entrySet());
        assertThat(missing).as("events missing from the audit trail, of %d", expected.size()).isEmpty();
        assertThat(unexpected).as("audit entries that are no stored event").isEmpty();
    }

    /** The views as they are now against the repository folded from its event stream (the point-in-time read). */
    private void assertViewsMatchEventStream(String repository) {
        String now = Instant.now().toString();
        String base = "/repositories/" + repository + "/-/";
        assertThat(allItems(base + "tags")).as("tags of " + repository).isEqualTo(allItems(base + "tags?asOf=" + now));
        assertThat(allItems(base + "images")).as("images of " + repository).isEqualTo(allItems(base + "images?asOf=" + now));
        assertThat(get("/repositories/" + repository).json().get("imageCount"))
                .isEqualTo(get("/repositories/" + repository + "?asOf=" + now).json().get("imageCount"));
    }

    /** Every tag's periods against the pushes, untags and deletions in the repository's own events. */
    private void assertTagHistoriesMatchEventStream(String repository) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, Integer> open = new HashMap<>();
        String after = "-1";
        while (after != null) {
            JsonNode page = get("/repositories/" + repository + "/-/events?limit=1000&after=" + after).json();
            for (JsonNode event : page.get("items")) {
                JsonNode payload = event.get("payload");
                switch (event.get("type").asText()) {
                    case "ImagePushed" -> {
                        if (!payload.get("tag").isNull()) {
                            String tag = payload.get("tag").asText();
                            end(expected, open, tag, "moved");
                            List<String> periods = expected.computeIfAbsent(tag, t -> new ArrayList<>());
                            periods.add(payload.get("imageDigest").asText() + " from " + event.get("timestamp").asText());
                            open.put(tag, periods.size() - 1);
                        }
                    }
                    case "ImageUntagged" -> end(expected, open, payload.get("tag").asText(), "untagged");
                    case "ImageDeleted" -> payload.get("tags").forEach(tag -> end(expected, open, tag.asText(), "deleted"));
                    default -> {
                    }
                }
            }
            after = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        }
        for (Map.Entry<String, List<String>> tag : expected.entrySet()) {
            List<String> actual = new ArrayList<>();
            for (JsonNode period : get("/repositories/" + repository + "/-/tags/" + tag.getKey() + "/history").json().get("periods")) {
                actual.add(period.get("digest").asText() + " from " + period.get("from").asText()
                        + (period.has("endedHow") ? " " + period.get("endedHow").asText() : ""));
            }
            assertThat(actual).as("history of " + repository + ":" + tag.getKey()).isEqualTo(tag.getValue());
        }
    }

    private static void end(Map<String, List<String>> periods, Map<String, Integer> open, String tag, String how) {
        Integer index = open.remove(tag);
        if (index != null) {
            List<String> list = periods.get(tag);
            list.set(index, list.get(index) + " " + how);
        }
    }

    private List<JsonNode> allItems(String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            String separator = path.contains("?") ? "&" : "?";
            JsonNode page = get(path + separator + "limit=1000" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(items::add);
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    private List<String> ndjson(String path) {
        Response response = exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/x-ndjson").build());
        assertThat(response.status()).isEqualTo(200);
        return response.text().lines().filter(line -> !line.isBlank()).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + line, e);
        }
    }
}
