package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.api.transparency.GoVerifier;
import io.tagledger.domain.trust.Signers;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three packaged nodes on one PostgreSQL database and one S3-compatible object store (a real s3proxy),
 * as docs/several-nodes.md starts them, each reaching the database through a proxy of its own, so that a test can cut one off. Each repository has one
 * owner at a time; the others forward its commands there. Writers race over all three, and every
 * guarantee of one node holds, while ownership moves: a node cut off, a node frozen, a node killed.
 *
 * <p>Needs a PostgreSQL server: {@code TEST_POSTGRES_URL}, which {@code bash .ci/run} sets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralNodesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = System.getenv("TEST_POSTGRES_URL");

    @TempDir
    static Path temp;

    private static ServiceProcess a;
    private static ServiceProcess b;
    private static ServiceProcess c;
    private static JdbcTemplate jdbc;
    /** Each node reaches the database through its own, so that a test can cut one node off it. */
    private static final Map<ServiceProcess, TcpProxy> NETWORK = new java.util.LinkedHashMap<>();
    /** Where each node takes the commands the others forward. */
    private static final Map<ServiceProcess, String> NODE_URLS = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void startThreeNodes() throws Exception {
        assumeTrue(SERVER != null && !SERVER.isBlank(), "needs a PostgreSQL server in TEST_POSTGRES_URL (bash .ci/run starts one)");
        String database = TestDatabases.createDatabase(SERVER, "tl_nodes_" + System.currentTimeMillis());
        jdbc = new JdbcTemplate(new DriverManagerDataSource(SERVER + database, "postgres", ""));
        String bucket = S3Proxy.shared().newBucket("nodes");
        a = node("a", database, bucket);
        b = node("b", database, bucket);
        c = node("c", database, bucket);
    }

    private static ServiceProcess node(String name, String database, String bucket) throws Exception {
        URI server = URI.create(SERVER.substring("jdbc:".length()));
        TcpProxy network = new TcpProxy(server.getHost(), server.getPort());
        Path dataDir = Files.createDirectories(temp.resolve(name));
        ServiceProcess node = new ServiceProcess(dataDir, temp).withJvmOptions("-Xmx384m", "-Daxoniq.update-checker.disabled=true");
        List<String> settings = new ArrayList<>(List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + network.port() + "/" + database,
                "--spring.datasource.username=postgres",
                // Every node must sign page tokens with the same key, or a cursor from one fails on the other.
                "--tagledger.page-token-key=several-nodes-test-key-of-32-bytes!",
                "--tagledger.nodes.secret=several-nodes-test-secret",
                // And one key for the transparency log's checkpoints: the first node makes it.
                "--tagledger.log.key-file=" + temp.resolve("log-key.pem")));
        String nodeUrl;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            nodeUrl = "http://127.0.0.1:" + free.getLocalPort();
        }
        settings.add("--tagledger.nodes.url=" + nodeUrl);
        // One object store for every node's blobs: any request of an upload may reach any node.
        settings.addAll(S3Proxy.shared().settings(bucket));
        node.start(settings.toArray(String[]::new));
        NETWORK.put(node, network);
        NODE_URLS.put(node, nodeUrl);
        return node;
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (ServiceProcess node : new ServiceProcess[] {a, b, c}) {
            if (node != null) {
                node.close();
            }
        }
        for (TcpProxy network : NETWORK.values()) {
            network.close();
        }
    }

    /** The 64 buckets of repository names are shared out, and each has one owner. */
    @Test
    @Order(1)
    void everyBucketHasOneOwnerAndTheNodesShareThemOut() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, Integer> held = ownedBuckets();
            assertThat(held.values().stream().mapToInt(Integer::intValue).sum()).as("%s", held).isEqualTo(64);
            assertThat(held).as("buckets held by each node").containsOnlyKeys(url(a), url(b), url(c))
                    .allSatisfy((owner, buckets) -> assertThat(buckets).isBetween(20, 22));
        });
    }

    @Test
    @Order(2)
    void aTagRacedOverBothNodesHasExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            String repository = "race/immutable-" + round;
            assertThat(a.send("POST", "/repositories", "application/json",
                    "{\"name\":\"" + repository + "\",\"imageTagMutability\":\"IMMUTABLE\"}").statusCode()).isEqualTo(201);
            int seed = round;
            List<HttpResponse<String>> answers = Race.of(20, racer -> List.of(a, b, c).get(racer % 3)
                    .send("PUT", "/repositories/" + repository + "/-/manifests/v1", null, ApiTest.manifest("race-" + seed + "-" + racer)));

            List<HttpResponse<String>> won = answers.stream().filter(answer -> answer.statusCode() == 201).toList();
            assertThat(won).as(repository).hasSize(1);
            assertThat(answers).filteredOn(answer -> answer.statusCode() != 201).hasSize(19)
                    .allSatisfy(answer -> assertThat(answer.body()).as(repository).contains("ImageTagAlreadyExistsException"));
            String winner = json(won.get(0)).get("digest").asText();
            for (ServiceProcess node : List.of(a, b, c)) {
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
        List<ServiceProcess> nodes = List.of(a, b, c);
        for (int i = 0; i < 30; i++) {
            ServiceProcess writer = nodes.get(i % 3);
            ServiceProcess reader = nodes.get((i + 1) % 3);
            String manifest = ApiTest.manifest("ryw-" + i);
            assertThat(writer.send("PUT", base + "manifests/latest", null, manifest).statusCode()).isEqualTo(201);
            HttpResponse<String> read = reader.send("GET", base + "manifests/latest", null, null);
            assertThat(read.body()).as("push %d read on the other node", i).isEqualTo(manifest);
            assertThat(json(reader.send("GET", base + "tags/latest/history", null, null)).get("periods")).as("history after push %d", i).hasSize(i + 1);
        }
        assertThat(b.send("DELETE", base + "tags/latest", null, null).statusCode()).isEqualTo(204);
        assertThat(a.send("GET", base + "manifests/latest", null, null).statusCode()).isEqualTo(404);
    }

    /**
     * A template, decided by whichever node owns it, applies to pushes through every node: each is made on
     * one node, changed on another, and creates a repository for a push through the third.
     */
    @Test
    @Order(4)
    void aTemplateMadeOnOneNodeCreatesRepositoriesForPushesThroughTheOthers() throws Exception {
        List<ServiceProcess> nodes = List.of(a, b, c);
        for (int i = 0; i < nodes.size(); i++) {
            String prefix = "templated" + i;
            HttpResponse<String> created = nodes.get(i).send("POST", "/creation-templates", "application/json",
                    "{\"prefix\":\"" + prefix + "\",\"imageTagMutability\":\"IMMUTABLE\",\"appliedFor\":[\"CREATE_ON_PUSH\"]}");
            HttpResponse<String> changed = nodes.get((i + 1) % 3).send("PATCH", "/creation-templates/" + prefix, "application/json",
                    "{\"description\":\"changed on another node\"}");
            HttpResponse<String> pushed = nodes.get((i + 2) % 3).send("PUT", "/repositories/" + prefix + "/app/-/manifests/v1", null,
                    ApiTest.manifest(prefix));

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
            assertThat(json(nodes.get(i).send("GET", "/repositories/" + prefix + "/app", null, null)).get("imageTagMutability").asText())
                    .isEqualTo("IMMUTABLE");
            assertThat(json(nodes.get(i).send("GET", "/creation-templates/" + prefix, null, null)).get("description").asText())
                    .isEqualTo("changed on another node");
        }
    }

    /**
     * A tag gated by a trust policy moves through any node: a node that does not decide for the repository
     * finds the image's signatures, and forwards them with the push to the node that does, which verifies them.
     */
    @Test
    @Order(4)
    void aGatedTagMovesThroughAnyNodeOnceATrustedKeySignedItsImage() throws Exception {
        List<ServiceProcess> nodes = List.of(a, b, c);
        KeyPair key = Signers.p256();
        ObjectNode policy = JSON.createObjectNode().put("mode", "ENFORCE");
        policy.putArray("tags").add("v*");
        policy.putArray("cosignKeys").add(Signers.pem(key.getPublic()));
        for (int i = 0; i < nodes.size(); i++) {
            String name = "signed/app" + i;
            String manifest = ApiTest.manifest(name);
            String digest = ApiTest.digestOf(manifest);
            assertThat(nodes.get(i).send("POST", "/repositories", "application/json", "{\"name\":\"" + name + "\"}").statusCode()).isEqualTo(201);
            HttpResponse<String> set = nodes.get((i + 1) % 3).send("PUT", "/repositories/" + name + "/-/trust-policy", "application/json",
                    policy.toString());
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(nodes.get((i + 2) % 3).send("PUT", "/repositories/" + name + "/-/manifests/" + digest, null, manifest).statusCode())
                    .isEqualTo(201);
            HttpResponse<String> unsigned = nodes.get(i).send("PUT", "/repositories/" + name + "/-/manifests/v0", null, manifest);
            assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(409);

            byte[] payload = Signers.cosignPayload("registry/" + name, digest);
            Signers.SignatureArtifact signature = Signers.cosignTagManifest(payload, Signers.cosignSignature(key.getPrivate(), payload));
            for (Signers.Blob blob : signature.blobs()) {
                assertThat(nodes.get(i).send("POST", "/v2/" + name + "/blobs/uploads/?digest=" + blob.digest(), "application/octet-stream",
                        new String(blob.bytes(), StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
            }
            assertThat(nodes.get((i + 1) % 3).send("PUT", "/v2/" + name + "/manifests/" + digest.replace(':', '-') + ".sig",
                    Signers.OCI_MANIFEST, new String(signature.manifest().bytes(), StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
            for (int n = 0; n < nodes.size(); n++) {
                HttpResponse<String> tagged = nodes.get(n).send("PUT", "/repositories/" + name + "/-/manifests/v" + (n + 1), null, manifest);
                assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(201);
            }
            JsonNode verdicts = json(a.send("GET", "/audit?repository=" + name + "&type=TagSignatureChecked", null, null)).get("items");
            assertThat(verdicts).hasSize(3).allSatisfy(verdict -> assertThat(verdict.get("payload").get("verified").asBoolean()).isTrue());
        }
    }

    /**
     * Each node's round of the lifecycle schedule applies the policies of the repositories it decides for:
     * together the rounds apply each policy once, and expire each image once.
     */
    @Test
    @Order(4)
    void eachRepositorysLifecyclePolicyIsAppliedByOneNodeInARound() throws Exception {
        List<ServiceProcess> nodes = List.of(a, b, c);
        String keepOne = LifecyclePolicyTest.POLICY.replace("dev-*", "v*").replace("\"countNumber\":2", "\"countNumber\":1");
        Set<String> repositories = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            String name = "lifecycle/app" + i;
            ServiceProcess node = nodes.get(i % 3);
            assertThat(node.send("POST", "/repositories", "application/json", "{\"name\":\"" + name + "\"}").statusCode()).isEqualTo(201);
            for (int v = 1; v <= 2; v++) {
                assertThat(nodes.get((i + v) % 3).send("PUT", "/repositories/" + name + "/-/manifests/v" + v, null,
                        ApiTest.manifest(name + v)).statusCode()).isEqualTo(201);
            }
            HttpResponse<String> put = nodes.get((i + 1) % 3).send("PUT", "/repositories/" + name + "/-/lifecycle-policy", "application/json",
                    keepOne);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            // Decided by the owner wherever it is asked, and answered as the owner answered it.
            JsonNode preview = json(nodes.get((i + 2) % 3).send("POST", "/repositories/" + name + "/-/lifecycle-policy/preview",
                    "application/json", "{}"));
            assertThat(preview.get("expiries")).as(preview.toString()).singleElement()
                    .satisfies(expiry -> assertThat(expiry.get("imageTags").get(0).asText()).isEqualTo("v1"));
            repositories.add(name);
        }
        List<String> applied = new ArrayList<>();
        int expired = 0;
        for (ServiceProcess node : nodes) {
            JsonNode round = json(node.send("POST", "/admin/lifecycle/run", null, null));
            round.get("applied").forEach(name -> applied.add(name.asText()));
            expired += round.get("expired").asInt();
        }
        assertThat(applied.stream().filter(name -> name.startsWith("lifecycle/")).toList())
                .as("each policy applied by one node").containsExactlyInAnyOrderElementsOf(repositories);
        assertThat(expired).as("v1 of each repository, once").isEqualTo(repositories.size());
        for (String name : repositories) {
            JsonNode expiries = json(a.send("GET", "/audit?repository=" + name + "&type=ImageExpired", null, null)).get("items");
            assertThat(expiries).hasSize(1);
            assertThat(expiries.get(0).get("principal").asText()).isEqualTo("tagledger:lifecycle-policy");
        }
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
                ServiceProcess node = List.of(a, b, c).get((writer + i) % 3);
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

        assertEveryViewMatchesTheEventStore(List.of(a, b, c), repositories);
        // The transparency log, grown by three writers: every event a leaf, in global order, and a client
        // of the log trusting only its key verifies a checkpoint from one node against tiles of another.
        assertThat(jdbc.queryForList("select event_identifier from log_leaf order by leaf_index", String.class))
                .isEqualTo(jdbc.queryForList("select event_identifier from domain_event_entry order by global_index", String.class));
        String key = a.send("GET", "/log/verifier-key", null, null).body().strip();
        Path state = temp.resolve("monitor-state");
        ServiceProcess.Monitored first = ServiceProcess.monitor("--log", c.url() + "/log", "--key", key, "--state", state.toString());
        assertThat(first.exitCode()).as(first.output()).isZero();
        Path earlier = temp.resolve("earlier-checkpoint");
        Files.copy(state, earlier);
        assertThat(a.send("PUT", "/repositories/mixed/mutable-1/-/manifests/after-log", null, ApiTest.manifest("after-log")).statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> !b.send("GET", "/log/checkpoint", null, null).body()
                .equals(Files.readString(earlier)));
        long size = jdbc.queryForObject("select tree_size from log_head", Long.class);
        GoVerifier.Outcome verified = GoVerifier.run("-log", b.url() + "/log", "-key", key, "-old", earlier.toString(),
                "-records", "0," + (size - 1));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        ServiceProcess.Monitored then = ServiceProcess.monitor("--log", a.url() + "/log", "--key", key, "--state", state.toString(),
                "--watch", "mixed/mutable-1:after-log");
        assertThat(then.exitCode()).as(then.output()).isZero();
        assertThat(then.output()).contains("consistent with the checkpoint verified before",
                "mixed/mutable-1:after-log\n  leaf ");
    }

    /**
     * A replay asked of one node rebuilds the view once, for both: it holds the ledger's lock exclusively,
     * so no batch of either node overlaps it.
     */
    @Test
    @Order(6)
    void aReplayAskedOfOneNodeRebuildsTheProjectionsForBoth() throws Exception {
        for (String projection : List.of("audit-trail", "registry-views", "history", "creation-templates", "repository-settings")) {
            HttpResponse<String> asked = b.send("POST", "/admin/projections/" + projection + "/replay", null, null);
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        }
        assertEveryViewMatchesTheEventStore(List.of(b, a, c), List.of("mixed/immutable-1", "mixed/mutable-1", "ryw/app"));
    }

    /**
     * skopeo and podman push through Debian's nginx, configured as docs/examples/nginx.conf has it
     * (round robin, no affinity), so that the requests of one upload reach different nodes, with the
     * blobs in the one object store; then skopeo pulls everything back from node c alone, byte for byte.
     */
    @Test
    @Order(7)
    void registryClientsPushThroughARoundRobinBalancerAndPullFromAnyNode() throws Exception {
        assumeTrue(LoadBalancer.installed(), "needs Debian's nginx (bash .ci/run installs it)");
        String repository = "clients/balanced";
        assertThat(a.send("POST", "/repositories", "application/json", "{\"name\":\"" + repository + "\",\"imageTagMutability\":\"IMMUTABLE\"}")
                .statusCode()).isEqualTo(201);
        Path work = Files.createDirectories(temp.resolve("clients"));
        OciImages.Image skopeoImage = OciImages.image("balanced-skopeo", "amd64", 300_000, 40_000);
        OciImages.Image podmanImage = OciImages.image("balanced-podman", "amd64", 200_000);
        try (LoadBalancer balancer = new LoadBalancer(work, List.of(a.port(), b.port(), c.port()))) {
            String through = "127.0.0.1:" + balancer.port() + "/" + repository;
            Path layout = OciImages.layout(work.resolve("skopeo-layout"), "v1", skopeoImage);
            assertRuns("skopeo", "copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + through + ":v1");

            Path podmanLayout = OciImages.layout(work.resolve("podman-layout"), "v2", podmanImage);
            String imageId = assertRuns("podman", "pull", "oci:" + podmanLayout + ":v2").strip().lines().reduce((x, y) -> y).orElseThrow();
            try {
                assertRuns("podman", "push", "--tls-verify=false", imageId, "docker://" + through + ":v2");
            } finally {
                run("podman", "rmi", "-f", imageId);
            }

            // Every upload of a blob spans nodes: started on one, ended on another.
            Map<String, List<String>> uploads = new java.util.LinkedHashMap<>();
            for (LoadBalancer.Passed passed : balancer.passed()) {
                java.util.regex.Matcher upload = java.util.regex.Pattern.compile(".*/blobs/uploads/([0-9a-f-]{36})?").matcher(passed.path());
                if (upload.matches()) {
                    String id = upload.group(1) != null ? upload.group(1) : "started-" + uploads.size();
                    uploads.computeIfAbsent(id, key -> new ArrayList<>()).add(passed.node());
                }
            }
            assertThat(uploads.values()).as("nodes that took each upload's requests").isNotEmpty()
                    .anySatisfy(nodesOfOne -> assertThat(java.util.Set.copyOf(nodesOfOne)).hasSizeGreaterThan(1));
            assertThat(balancer.passed()).extracting(LoadBalancer.Passed::node).containsAll(
                    List.of("127.0.0.1:" + a.port(), "127.0.0.1:" + b.port(), "127.0.0.1:" + c.port()));
        }

        Path pulled = temp.resolve("clients").resolve("pulled");
        assertRuns("skopeo", "copy", "--src-tls-verify=false", "docker://127.0.0.1:" + c.port() + "/" + repository + ":v1", "oci:" + pulled + ":v1");
        for (OciImages.Blob blob : skopeoImage.blobs()) {
            assertThat(pulled.resolve("blobs/sha256/" + blob.digest().substring(7))).hasBinaryContent(blob.bytes());
        }
        assertThat(c.send("HEAD", "/v2/" + repository + "/manifests/v1", null, null).headers().firstValue("Docker-Content-Digest"))
                .contains(skopeoImage.manifest().digest());
        assertThat(b.send("GET", "/v2/" + repository + "/manifests/v2", null, null, "Accept",
                "application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json").statusCode()).isEqualTo(200);
    }

    private static String assertRuns(String... command) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + Files.readString(err)).isZero();
        return Files.readString(out);
    }

    private static void run(String... command) throws Exception {
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * No two owners, ever, while ownership moves under load: node c is cut off the database (its leases
     * lapse, the others take its repositories over within 10 s, and it comes back), then node b is frozen
     * past its lease (what it decided before is fenced when it wakes). Every acknowledged push is kept, no
     * immutable tag ever moved, the store's unique key never had to refuse an append, and every view
     * agrees with the event store through every node.
     */
    @Test
    @Order(8)
    void noTwoNodesEverDecideForOneRepositoryWhileOwnershipMoves() throws Exception {
        List<String> repositories = List.of("owners/immutable-1", "owners/immutable-2", "owners/immutable-3", "owners/immutable-4",
                "owners/mutable-1", "owners/mutable-2");
        for (String repository : repositories) {
            assertThat(a.send("POST", "/repositories", "application/json", "{\"name\":\"" + repository + "\",\"imageTagMutability\":\""
                    + (repository.contains("immutable") ? "IMMUTABLE" : "MUTABLE") + "\"}").statusCode()).isEqualTo(201);
        }
        Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<ServiceProcess> nodes = List.of(a, b, c);
        Thread[] writers = new Thread[6];
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < writers.length; w++) {
            int writer = w;
            writers[w] = new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    ServiceProcess node = nodes.get((writer + i) % 3);
                    String repository = repositories.get((writer + i) % repositories.size());
                    String tag = i % 3 == 2 ? "shared" : "w" + writer + "-" + i;
                    String manifest = ApiTest.manifest(repository + writer + "-" + i);
                    try {
                        HttpResponse<String> answer = node.send("PUT", "/repositories/" + repository + "/-/manifests/" + tag, null, manifest);
                        if (answer.statusCode() == 201) {
                            acknowledged.computeIfAbsent(repository + ":" + tag, key -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                    .add(manifest);
                            // Read-your-writes on another node, whoever owns the repository now: the push (unless another
                            // writer moved the mutable shared tag since), or no answer at all.
                            HttpResponse<String> read = nodes.get((writer + i + 1) % 3).send(Duration.ofSeconds(10), "GET",
                                    "/repositories/" + repository + "/-/manifests/" + tag, null, null);
                            boolean moved = tag.equals("shared") && repository.contains("/mutable");
                            if (!moved && read.statusCode() != 503 && !(read.statusCode() == 200 && read.body().equals(manifest))) {
                                failures.add(new AssertionError("push of " + repository + ":" + tag + " read as " + read.statusCode()));
                            }
                        } else if (answer.statusCode() != 409 && answer.statusCode() != 503) {
                            failures.add(new AssertionError(answer.statusCode() + " " + answer.body()));
                        }
                    } catch (java.io.IOException | InterruptedException e) {
                        // Not answered (the node froze past the client's timeout): not acknowledged.
                    }
                }
            });
            writers[w].start();
        }
        try {
            Thread.sleep(1_500);
            Map<String, String> ownedByC = ownersOf(repositories);
            ownedByC.values().removeIf(owner -> !owner.equals(url(c)));
            NETWORK.get(c).cut();
            assertTakenOverWithin10Seconds(ownedByC.keySet(), a, "after-cut");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> health = c.send("GET", "/actuator/health", null, null);
                assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
                assertThat(json(health).at("/components/storage/status").asText()).as(health.body()).isEqualTo("DOWN");
            });
            NETWORK.get(c).restore();
            awaitShareOf(c);

            b.pause();
            try {
                Thread.sleep(6_000);
            } finally {
                b.resume();
            }
            awaitShareOf(b);
        } finally {
            writing.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            NETWORK.get(c).restore();
        }
        assertThat(failures).isEmpty();

        assertAcknowledgedAreKept(acknowledged, nodes);
        assertEveryViewMatchesTheEventStore(nodes, repositories);
        for (ServiceProcess node : nodes) {
            for (String repository : repositories) {
                if (repository.contains("immutable")) {
                    assertThat(json(node.send("GET", "/repositories/" + repository + "/-/tags/shared/history", null, null)).get("periods"))
                            .as("%s: the immutable tag never moved", repository).hasSize(1);
                }
            }
            assertThat(metric(node, "tagledger.ledger.appends.duplicate-key")).as("appends the store's key refused").isZero();
        }
    }

    @Test
    @Order(9)
    void aNodeKilledUnderLoadLosesNothingAcknowledgedAndTheOthersTakeItsRepositoriesOver() throws Exception {
        List<String> repositories = List.of("kill/app-1", "kill/app-2", "kill/app-3", "kill/app-4");
        for (String repository : repositories) {
            assertThat(a.send("POST", "/repositories", "application/json", "{\"name\":\"" + repository + "\"}").statusCode()).isEqualTo(201);
        }
        Map<String, String> ownedByB = ownersOf(repositories);
        ownedByB.values().removeIf(owner -> !owner.equals(url(b)));
        Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
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
                ServiceProcess node = List.of(a, b, c).get(writer % 3);
                if (node == b && !bAlive.get()) {
                    break;
                }
                String repository = repositories.get((writer + i) % repositories.size());
                String tag = "w" + writer + "-" + i;
                String manifest = ApiTest.manifest("kill-" + tag);
                try {
                    if (node.send("PUT", "/repositories/" + repository + "/-/manifests/" + tag, null, manifest).statusCode() == 201) {
                        acknowledged.put(repository + ":" + tag, List.of(manifest));
                    }
                } catch (java.io.IOException killed) {
                    // The node died before answering: not acknowledged, so not expected.
                }
            }
            return null;
        });
        killer.join();
        assertThat(acknowledged).isNotEmpty();
        assertTakenOverWithin10Seconds(ownedByB.keySet(), c, "after-kill");

        assertAcknowledgedAreKept(acknowledged, List.of(a, c));
        assertEveryViewMatchesTheEventStore(List.of(a, c), repositories);
    }

    /**
     * Each repository is decided again, through the node given, within 10 s of its owner's loss (a request
     * that its old owner took before it stopped deciding may wait for that node's database timeout, so
     * each attempt waits 2 s at most and the next one is a new request).
     */
    private static void assertTakenOverWithin10Seconds(java.util.Collection<String> repositories, ServiceProcess through, String tag)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        java.util.Set<String> waiting = new java.util.TreeSet<>(repositories);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (String repository : List.copyOf(waiting)) {
                try {
                    int status = through.send(Duration.ofSeconds(2), "PUT", "/repositories/" + repository + "/-/manifests/" + tag, null,
                            ApiTest.manifest(tag + "-" + repository)).statusCode();
                    if (status == 201 || status == 409) {
                        waiting.remove(repository);
                    }
                } catch (java.net.http.HttpTimeoutException slow) {
                    // Taken by the old owner: a new request follows.
                }
            }
            Thread.sleep(100);
        }
        assertThat(waiting).as("repositories not decided again within 10 s").isEmpty();
    }

    /**
     * Every acknowledged push is kept: a tag pushed once still names its manifest; the shared tag of a
     * mutable repository, which writers move concurrently, had each acknowledged manifest in its history
     * (the order in which the writers heard their answers is not the order of the decisions).
     */
    private static void assertAcknowledgedAreKept(Map<String, List<String>> acknowledged, List<ServiceProcess> readers) throws Exception {
        List<String> missing = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<String>> entry : acknowledged.entrySet()) {
            String[] key = entry.getKey().split(":");
            ServiceProcess reader = readers.get(i++ % readers.size());
            boolean moves = key[1].equals("shared") && key[0].contains("/mutable");
            if (moves) {
                JsonNode history = json(reader.send("GET", "/repositories/" + key[0] + "/-/tags/" + key[1] + "/history", null, null));
                Set<String> digests = new HashSet<>();
                history.get("periods").forEach(period -> digests.add(period.get("digest").asText()));
                entry.getValue().stream().filter(manifest -> !digests.contains(ApiTest.digestOf(manifest)))
                        .forEach(manifest -> missing.add(entry.getKey() + " at " + ApiTest.digestOf(manifest) + ": not in its history"));
                continue;
            }
            HttpResponse<String> manifest = reader.send("GET", "/repositories/" + key[0] + "/-/manifests/" + key[1], null, null);
            if (entry.getValue().size() != 1 || manifest.statusCode() != 200 || !manifest.body().equals(entry.getValue().get(0))) {
                missing.add(entry.getKey() + ": " + manifest.statusCode() + " after " + entry.getValue().size() + " acknowledged");
            }
        }
        assertThat(missing).as("acknowledged pushes of %d", acknowledged.size()).isEmpty();
    }

    /** Waits until the node holds its share of the buckets again, the others having freed some for it. */
    private static void awaitShareOf(ServiceProcess node) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(node.send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
            assertThat(ownedBuckets().getOrDefault(url(node), 0)).isBetween(20, 22);
            assertThat(ownedBuckets().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(64);
        });
    }

    /** How many live buckets each node's URL holds. */
    private static Map<String, Integer> ownedBuckets() {
        Map<String, Integer> held = new java.util.TreeMap<>();
        jdbc.query("select owner_url, count(*) from repository_bucket where owner is not null and expires_at > clock_timestamp() "
                + "group by owner_url", (java.sql.ResultSet row) -> {
            held.put(row.getString(1), row.getInt(2));
        });
        return held;
    }

    /** The URL of each repository's owner now, by the bucket its name falls in. */
    private static Map<String, String> ownersOf(List<String> repositories) {
        Map<String, String> owners = new java.util.TreeMap<>();
        for (String repository : repositories) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(repository.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            owners.put(repository, jdbc.queryForObject("select owner_url from repository_bucket where bucket = ?", String.class,
                    (int) (crc.getValue() % 64)));
        }
        return owners;
    }

    private static String url(ServiceProcess node) {
        return NODE_URLS.get(node);
    }

    private static double metric(ServiceProcess node, String name) throws Exception {
        HttpResponse<String> response = node.send("GET", "/actuator/metrics/" + name, null, null);
        assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
        return json(response).at("/measurements/0/value").asDouble();
    }

    /** Through each node: every view at the head of the event store and equal to what its events say, and every chain whole. */
    private static void assertEveryViewMatchesTheEventStore(List<ServiceProcess> nodes, List<String> repositories) throws Exception {
        for (ServiceProcess node : nodes) {
            LedgerCheck ledger = ledgerThrough(node);
            ledger.awaitProjectionsAtHead();
            ledger.assertAuditTrailMatchesEventStore();
            for (String repository : repositories) {
                ledger.assertViewsMatchEventStream(repository);
                ledger.assertTagHistoriesMatchEventStream(repository);
            }
        }
        for (String repository : repositories) {
            assertChainVerifies(repository);
        }
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
        for (ServiceProcess node : List.of(a, b, c)) {
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
