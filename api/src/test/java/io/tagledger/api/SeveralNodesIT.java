package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two packaged nodes on one PostgreSQL database, as docs/several-nodes.md starts them:
 * writers race over both, and every guarantee of one node holds. The last test kills one node with
 * SIGKILL under load.
 *
 * <p>Needs a PostgreSQL server: {@code TAGLEDGER_TEST_POSTGRES}, which {@code bash .ci/run} sets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralNodesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = System.getenv("TAGLEDGER_TEST_POSTGRES");

    @TempDir
    static Path temp;

    private static ServiceProcess a;
    private static ServiceProcess b;
    private static JdbcTemplate jdbc;
    /** The nodes reach the database through it, so that a test can cut them off it. */
    private static TcpProxy network;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        assumeTrue(SERVER != null && !SERVER.isBlank(), "needs a PostgreSQL server in TAGLEDGER_TEST_POSTGRES (bash .ci/run starts one)");
        String database = TestDatabases.createDatabase(SERVER, "tl_nodes_" + System.currentTimeMillis());
        jdbc = new JdbcTemplate(new DriverManagerDataSource(SERVER + database, "postgres", ""));
        URI server = URI.create(SERVER.substring("jdbc:".length()));
        network = new TcpProxy(server.getHost(), server.getPort());
        String[] settings = {
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + network.port() + "/" + database,
                "--spring.datasource.username=postgres",
                // Every node must sign page tokens with the same key, or a cursor from one fails on the other.
                "--tagledger.page-token-key=several-nodes-test-key-of-32-bytes!"};
        a = node("a", settings);
        b = node("b", settings);
    }

    private static ServiceProcess node(String name, String... settings) throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve(name));
        ServiceProcess node = new ServiceProcess(dataDir, temp).withJvmOptions("-Xmx384m", "-Daxoniq.update-checker.disabled=true");
        node.start(settings);
        return node;
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (ServiceProcess node : new ServiceProcess[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(2)
    void aTagRacedOverBothNodesHasExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            String repository = "race/immutable-" + round;
            assertThat(a.send("POST", "/repositories", "application/json",
                    "{\"name\":\"" + repository + "\",\"imageTagMutability\":\"IMMUTABLE\"}").statusCode()).isEqualTo(201);
            int seed = round;
            List<HttpResponse<String>> answers = Race.of(20, racer -> (racer % 2 == 0 ? a : b)
                    .send("PUT", "/repositories/" + repository + "/-/manifests/v1", null, ApiTest.manifest("race-" + seed + "-" + racer)));

            List<HttpResponse<String>> won = answers.stream().filter(answer -> answer.statusCode() == 201).toList();
            assertThat(won).as(repository).hasSize(1);
            assertThat(answers).filteredOn(answer -> answer.statusCode() != 201).hasSize(19)
                    .allSatisfy(answer -> assertThat(answer.body()).as(repository).contains("ImageTagAlreadyExistsException"));
            String winner = json(won.get(0)).get("digest").asText();
            for (ServiceProcess node : List.of(a, b)) {
                HttpResponse<String> tag = node.send("GET", "/repositories/" + repository + "/-/manifests/v1", null, null);
                assertThat(tag.headers().firstValue("Docker-Content-Digest")).contains(winner);
            }
            assertChainVerifies(repository);
        }
    }

    /** A node that has a repository in memory sees what the other node did to it since. */
    @Test
    @Order(3)
    void aNodeDecidesOnWhatTheOtherNodeChanged() throws Exception {
        String repository = "stale/immutable";
        String base = "/repositories/" + repository + "/-/";
        assertThat(a.send("POST", "/repositories", "application/json",
                "{\"name\":\"" + repository + "\",\"imageTagMutability\":\"IMMUTABLE\"}").statusCode()).isEqualTo(201);
        assertThat(a.send("PUT", base + "manifests/v1", null, ApiTest.manifest("stale-1")).statusCode()).isEqualTo(201);
        // b now holds the repository, with v1 taken, in its cache.
        assertThat(b.send("PUT", base + "manifests/other", null, ApiTest.manifest("stale-other")).statusCode()).isEqualTo(201);

        assertThat(a.send("DELETE", base + "tags/v1", null, null).statusCode()).isEqualTo(204);
        HttpResponse<String> pushed = b.send("PUT", base + "manifests/v1", null, ApiTest.manifest("stale-2"));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);

        HttpResponse<String> again = a.send("PUT", base + "manifests/v1", null, ApiTest.manifest("stale-3"));
        assertThat(again.body()).contains("ImageTagAlreadyExistsException");
        assertChainVerifies(repository);
    }

    /** Read-your-writes whichever node serves the read: the write answers once the shared views show it. */
    @Test
    @Order(4)
    void aWriteOnOneNodeIsReadOnTheOtherAtOnce() throws Exception {
        String repository = "ryw/app";
        String base = "/repositories/" + repository + "/-/";
        assertThat(a.send("POST", "/repositories", "application/json", "{\"name\":\"" + repository + "\"}").statusCode()).isEqualTo(201);
        for (int i = 0; i < 30; i++) {
            ServiceProcess writer = i % 2 == 0 ? a : b;
            ServiceProcess reader = writer == a ? b : a;
            String manifest = ApiTest.manifest("ryw-" + i);
            assertThat(writer.send("PUT", base + "manifests/latest", null, manifest).statusCode()).isEqualTo(201);
            HttpResponse<String> read = reader.send("GET", base + "manifests/latest", null, null);
            assertThat(read.body()).as("push %d read on the other node", i).isEqualTo(manifest);
            assertThat(json(reader.send("GET", base + "tags/latest/history", null, null)).get("periods")).as("history after push %d", i).hasSize(i + 1);
        }
        assertThat(b.send("DELETE", base + "tags/latest", null, null).statusCode()).isEqualTo(204);
        assertThat(a.send("GET", base + "manifests/latest", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void everyProjectionAgreesWithTheEventStoreAfterWritersOnBothNodes() throws Exception {
        List<String> repositories = List.of("mixed/immutable-1", "mixed/mutable-1", "mixed/immutable-2", "mixed/mutable-2");
        for (String repository : repositories) {
            assertThat(a.send("POST", "/repositories", "application/json", "{\"name\":\"" + repository + "\",\"imageTagMutability\":\""
                    + (repository.contains("immutable") ? "IMMUTABLE" : "MUTABLE") + "\"}").statusCode()).isEqualTo(201);
        }
        Race.of(8, writer -> {
            for (int i = 0; i < 30; i++) {
                ServiceProcess node = (writer + i) % 2 == 0 ? a : b;
                String repository = repositories.get((writer + i) % repositories.size());
                String base = "/repositories/" + repository + "/-/";
                int status = switch (i % 4) {
                    case 0, 1 -> node.send("PUT", base + "manifests/w" + writer + "-" + i, null, ApiTest.manifest(repository + writer + "-" + i)).statusCode();
                    case 2 -> node.send("PUT", base + "manifests/shared", null, ApiTest.manifest(repository + writer + "-" + i)).statusCode();
                    default -> node.send("DELETE", base + "tags/w" + writer + "-" + (i - 2), null, null).statusCode();
                };
                assertThat(status).isIn(201, 204, 404, 409);
            }
            return null;
        });

        for (ServiceProcess node : List.of(a, b)) {
            LedgerCheck ledger = ledgerThrough(node);
            ledger.awaitProjectionsAtHead();
            ledger.assertAuditTrailMatchesEventStore();
            for (String repository : repositories) {
                ledger.assertViewsMatchEventStream(repository);
                ledger.assertTagHistoriesMatchEventStream(repository);
                assertChainVerifies(repository);
            }
        }
    }

    /**
     * A replay asked of one node rebuilds the view once, for both: it holds the ledger's lock exclusively,
     * so no batch of either node overlaps it.
     */
    @Test
    @Order(6)
    void aReplayAskedOfOneNodeRebuildsTheProjectionsForBoth() throws Exception {
        for (String projection : List.of("audit-trail", "registry-views", "history")) {
            HttpResponse<String> asked = b.send("POST", "/admin/projections/" + projection + "/replay", null, null);
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        }
        for (ServiceProcess node : List.of(b, a)) {
            LedgerCheck ledger = ledgerThrough(node);
            ledger.awaitProjectionsAtHead();
            ledger.assertAuditTrailMatchesEventStore();
            for (String repository : List.of("mixed/immutable-1", "mixed/mutable-1", "ryw/app")) {
                ledger.assertViewsMatchEventStream(repository);
                ledger.assertTagHistoriesMatchEventStream(repository);
            }
        }
    }

    @Test
    @Order(7)
    void aNodeKilledUnderLoadLosesNothingAcknowledgedAndTheOtherServesItAll() throws Exception {
        String repository = "kill/app";
        assertThat(a.send("POST", "/repositories", "application/json", "{\"name\":\"" + repository + "\"}").statusCode()).isEqualTo(201);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean bAlive = new AtomicBoolean(true);
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(1_500);
                bAlive.set(false);
                b.killHard();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        Race.of(6, writer -> {
            for (int i = 0; i < 60; i++) {
                ServiceProcess node = writer % 2 == 0 ? a : b;
                if (node == b && !bAlive.get()) {
                    break;
                }
                String tag = "w" + writer + "-" + i;
                String manifest = ApiTest.manifest("kill-" + tag);
                try {
                    if (node.send("PUT", "/repositories/" + repository + "/-/manifests/" + tag, null, manifest).statusCode() == 201) {
                        acknowledged.put(tag, manifest);
                    }
                } catch (java.io.IOException killed) {
                    // The node died before answering: not acknowledged, so not expected.
                }
            }
            return null;
        });
        killer.join();
        assertThat(acknowledged).isNotEmpty();

        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
            HttpResponse<String> manifest = a.send("GET", "/repositories/" + repository + "/-/manifests/" + entry.getKey(), null, null);
            if (manifest.statusCode() != 200 || !manifest.body().equals(entry.getValue())) {
                missing.add(entry.getKey() + ": " + manifest.statusCode());
            }
        }
        assertThat(missing).as("acknowledged pushes of %d", acknowledged.size()).isEmpty();
        LedgerCheck ledger = ledgerThrough(a);
        ledger.awaitProjectionsAtHead();
        ledger.assertAuditTrailMatchesEventStore();
        ledger.assertViewsMatchEventStream(repository);
        ledger.assertTagHistoriesMatchEventStream(repository);
        assertChainVerifies(repository);
    }

    @Test
    @Order(8)
    void aNodeCutOffItsDatabaseSaysSoAndRecoversWhenItIsBack() throws Exception {
        String repository = "outage/app";
        String base = "/repositories/" + repository + "/-/";
        assertThat(a.send("POST", "/repositories", "application/json", "{\"name\":\"" + repository + "\"}").statusCode()).isEqualTo(201);

        network.cut();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> health = a.send("GET", "/actuator/health", null, null);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
            assertThat(json(health).at("/components/storage/status").asText()).as(health.body()).isEqualTo("DOWN");
        });
        HttpResponse<String> refused = a.send("PUT", base + "manifests/v1", null, ApiTest.manifest("outage-1"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).contains("ServiceUnavailableException");

        network.restore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(a.send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200));
        assertThat(a.send("PUT", base + "manifests/v1", null, ApiTest.manifest("outage-2")).statusCode()).isEqualTo(201);
        assertThat(a.send("GET", base + "manifests/v1", null, null).body()).isEqualTo(ApiTest.manifest("outage-2"));
        assertChainVerifies(repository);
    }

    private static LedgerCheck ledgerThrough(ServiceProcess node) {
        return new LedgerCheck((path, accept) -> {
            try {
                HttpResponse<String> response = node.send("GET", path, null, null, "Accept", accept);
                assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
                return response.body();
            } catch (Exception e) {
                throw new AssertionError(path, e);
            }
        }, jdbc);
    }

    private static void assertChainVerifies(String repository) throws Exception {
        for (ServiceProcess node : List.of(a, b)) {
            if (node.isRunning()) {
                JsonNode verification = json(node.send("GET", "/repositories/" + repository + "/-/audit/verify", null, null));
                assertThat(verification.get("verified").asBoolean()).as(repository + ": " + verification).isTrue();
            }
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
