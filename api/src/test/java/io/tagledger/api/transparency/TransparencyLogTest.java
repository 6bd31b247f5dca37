package io.tagledger.api.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.api.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger writer grows the transparency log in the transaction that stores the events: every stored
 * event, refusals included, is a leaf, in global order; each leaf is the hash of the entry made again from
 * its event's row; and the tree's kept subtrees are those of its leaves. (HashChainTest tampers with event
 * rows of this context's ledger for the length of a test, and restores them: a test here that met its
 * tampering would see the log show it.)
 */
class TransparencyLogTest extends ApiTest {

    @Autowired
    private LogStore log;
    @Autowired
    private LogCheckpoints checkpoints;
    @TempDir
    Path dir;

    @Test
    void everyEventIsALeafInGlobalOrderWhoseHashIsItsEntrysAndTheKeptSubtreesAreTheLeaves() {
        long before = jdbc.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry", Long.class);
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        assertThat(push(name, "v1", manifest(name + "1")).status()).isEqualTo(201);
        assertThat(push(name, "v1", manifest(name + "2")).status()).isEqualTo(409);
        assertThat(push(name, "v2", manifest(name + "2")).status()).isEqualTo(201);

        List<Long> leaves = jdbc.queryForList("select l.leaf_index from log_leaf l join domain_event_entry e "
                + "on e.event_identifier = l.event_identifier where e.global_index > ? order by e.global_index", Long.class, before);
        assertThat(leaves).hasSize(4);
        long first = leaves.get(0);
        assertThat(leaves).containsExactly(first, first + 1, first + 2, first + 3);
        long size = log.size();
        assertThat(first + 4).isEqualTo(size);
        List<byte[]> entries = log.entries(first, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(log.hash(0, first + i)).isEqualTo(MerkleTree.leafHash(entries.get(i)));
        }
        assertThat(new String(entries.get(2), StandardCharsets.UTF_8)).contains("\"type\":\"io.tagledger.domain.event.CommandRefused\"",
                "ImageTagAlreadyExistsException", "\"api\":\"rest\"", "\"principal\":\"anonymous\"");

        MemoryTree fromLeaves = new MemoryTree();
        for (long index = 0; index < size; index++) {
            fromLeaves.append(log.hash(0, index));
        }
        assertThat(MerkleTree.root(size, log::hash)).isEqualTo(fromLeaves.root());
    }

    @Test
    void goVerifiesOverHttpTheSignedCheckpointTheEntriesOfThisTestAndThatTheLogExtendsAnEarlierCheckpoint() throws Exception {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        checkpoints.sign();
        Response earlier = get("/log/checkpoint");
        assertThat(earlier.status()).isEqualTo(200);
        assertThat(Checkpoint.parse(earlier.text().substring(0, earlier.text().indexOf("\n\n") + 1)).size()).isPositive();
        assertThat(earlier.header("Content-Type")).startsWith("text/plain");
        Files.write(dir.resolve("earlier"), earlier.body());
        long before = jdbc.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry", Long.class);
        for (int i = 0; i < 5; i++) {
            assertThat(push(name, "v" + i, manifest(name + i)).status()).isEqualTo(201);
        }
        checkpoints.sign();
        List<Long> leaves = jdbc.queryForList("select l.leaf_index from log_leaf l join domain_event_entry e "
                + "on e.event_identifier = l.event_identifier where e.global_index > ? order by e.global_index", Long.class, before);
        String key = get("/log/verifier-key").text().strip();

        GoVerifier.Outcome outcome = GoVerifier.run("-log", "http://localhost:" + port + "/log", "-key", key,
                "-old", dir.resolve("earlier").toString(), "-records", leaves.stream().map(String::valueOf).collect(Collectors.joining(",")));

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("checkpoint tagledger.local/log " + log.size() + " ", "consistent with ",
                "record " + leaves.get(4) + " included: {\"event\":");
        assertThat(get("/log/tile/entries/x1/000").status()).isEqualTo(404);
        assertThat(get("/log/tile/0/x999/999").json().get("code").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void theLogProvesALeafInASignedTreeAndThatALaterSignedTreeExtendsItAndRefusesSizesItDoesNotHave() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        Checkpoint earlier = Checkpoint.parse(opened(checkpoints.sign().orElseThrow().note()));
        assertThat(push(name, "v1", manifest(name)).status()).isEqualTo(201);
        Checkpoint later = Checkpoint.parse(opened(checkpoints.sign().orElseThrow().note()));
        long leaf = later.size() - 1;

        JsonNode inclusion = get("/log/proof/inclusion?index=" + leaf + "&size=" + later.size()).json();
        assertThat(Base64.getDecoder().decode(inclusion.get("root").asText())).isEqualTo(later.root());
        assertThat(MerkleTree.verifyInclusion(leaf, later.size(), MerkleTree.leafHash(log.entries(leaf, 1).get(0)), hashes(inclusion.get("proof")),
                later.root())).isTrue();
        JsonNode consistency = get("/log/proof/consistency?from=" + earlier.size() + "&to=" + later.size()).json();
        assertThat(MerkleTree.verifyConsistency(earlier.size(), later.size(), earlier.root(), later.root(), hashes(consistency.get("proof"))))
                .isTrue();

        Response beyond = get("/log/proof/inclusion?index=0&size=" + (log.size() + 1));
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.json().get("field").asText()).isEqualTo("size");
        assertThat(get("/log/proof/inclusion?index=" + later.size() + "&size=" + later.size()).json().get("field").asText()).isEqualTo("index");
        assertThat(get("/log/proof/consistency?from=x&to=1").json().get("code").asText()).isEqualTo("InvalidParameterException");
        assertThat(get("/log/proof/consistency?from=" + later.size() + "&to=" + earlier.size()).json().get("field").asText()).isEqualTo("from");
    }

    @Test
    void aTagsEntriesEachComeWithTheirProofOfInclusionInTheSignedTree() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String first = manifest(name + "a");
        String second = manifest(name + "b");
        assertThat(push(name, "v1", first).status()).isEqualTo(201);
        assertThat(push(name, "prod", first).status()).isEqualTo(201);
        long afterFirst = log.size();
        assertThat(push(name, "prod", second).status()).isEqualTo(201);
        assertThat(delete("/repositories/" + name + "/-/tags/prod").status()).isEqualTo(204);
        assertThat(push(name, "prod", first).status()).isEqualTo(201);
        checkpoints.sign();

        JsonNode proof = get("/log/proof/tag?repositoryName=" + name + "&imageTag=prod").json();
        Checkpoint signed = Checkpoint.parse(opened(proof.get("checkpoint").asText()));
        assertThat(proof.get("size").asLong()).isEqualTo(signed.size());
        assertThat(Base64.getDecoder().decode(proof.get("root").asText())).isEqualTo(signed.root());
        List<String> changes = new ArrayList<>();
        for (JsonNode entry : proof.get("entries")) {
            byte[] bytes = Base64.getDecoder().decode(entry.get("entry").asText());
            assertThat(MerkleTree.verifyInclusion(entry.get("index").asLong(), signed.size(), MerkleTree.leafHash(bytes),
                    hashes(entry.get("proof")), signed.root())).as("entry %s", entry.get("index")).isTrue();
            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"repositoryName\":\"" + name + "\"", "\"tag\":\"prod\"");
            JsonNode change = entry.get("changes").get(0);
            changes.add(change.get("what").asText() + " " + change.get("digest").asText()
                    + (change.get("previousDigest").isNull() ? "" : " from " + change.get("previousDigest").asText()));
        }
        assertThat(changes).containsExactly("pushed " + digestOf(first), "moved " + digestOf(second) + " from " + digestOf(first),
                "untagged " + digestOf(second), "pushed " + digestOf(first));

        JsonNode earlier = get("/log/proof/tag?repositoryName=" + name + "&imageTag=prod&size=" + afterFirst).json();
        assertThat(earlier.get("checkpoint").isNull()).isTrue();
        assertThat(earlier.get("entries")).hasSize(1);
        assertThat(MerkleTree.verifyInclusion(earlier.get("entries").get(0).get("index").asLong(), afterFirst,
                MerkleTree.leafHash(Base64.getDecoder().decode(earlier.get("entries").get(0).get("entry").asText())),
                hashes(earlier.get("entries").get(0).get("proof")), MerkleTree.root(afterFirst, log::hash))).isTrue();
        assertThat(get("/log/proof/tag?repositoryName=" + name + "&imageTag=never").json().get("entries")).isEmpty();

        Response noTag = get("/log/proof/tag?repositoryName=" + name);
        assertThat(noTag.status()).isEqualTo(400);
        assertThat(noTag.json().get("code").asText()).isEqualTo("InvalidParameterException");
        assertThat(get("/log/proof/tag?repositoryName=" + name + "&imageTag=prod&size=" + (log.size() + 1)).json().get("field").asText())
                .isEqualTo("size");
        assertThat(get("/log/proof/tag?repositoryName=Bad&imageTag=prod").status()).isEqualTo(400);
    }

    @Test
    void theMonitorTrustsOnlyItsKeyAndSaysWhenItCouldNotCheck() throws Exception {
        String log = "http://localhost:" + port + "/log";
        String otherKey = NoteKey.generate("tagledger.local/log").verifierKey();

        MonitorRun impostor = monitor("--log", log, "--key", otherKey);
        assertThat(impostor.exitCode()).isEqualTo(LogMonitor.TAMPERED);
        assertThat(impostor.output()).contains("TAMPERED: the checkpoint is not signed by the verifier key tagledger.local/log");

        Path state = dir.resolve("state");
        Files.writeString(state, NoteKey.generate("tagledger.local/log").sign("tagledger.local/log\n1\n"
                + Base64.getEncoder().encodeToString(new byte[32]) + "\n"));
        MonitorRun foreignState = monitor("--log", log, "--key", checkpoints.verifierKey(), "--state", state.toString());
        assertThat(foreignState.exitCode()).isEqualTo(LogMonitor.UNCHECKED);
        assertThat(foreignState.output()).contains("holds no checkpoint of this verifier key");

        assertThat(monitor("--log", log).output()).contains("UNCHECKED: --key is required", "usage: java -jar tagledger.jar monitor");
        assertThat(monitor("--log", log, "--key", checkpoints.verifierKey(), "--wacth", "team/app:v1").output())
                .contains("unknown option --wacth");
        assertThat(monitor("--log", log, "--key", checkpoints.verifierKey(), "--watch", "v1").exitCode()).isEqualTo(LogMonitor.UNCHECKED);
        assertThat(monitor("--log", log, "--key", "not+a+key").output()).startsWith("UNCHECKED: the verifier key");
        MonitorRun nowhere = monitor("--log", "http://localhost:" + port + "/nothing-here", "--key", checkpoints.verifierKey());
        assertThat(nowhere.exitCode()).isEqualTo(LogMonitor.UNCHECKED);
        assertThat(nowhere.output()).contains("/nothing-here/checkpoint answered 404");
    }

    private static MonitorRun monitor(String... arguments) {
        return MonitorRun.of(arguments);
    }

    private String opened(String note) {
        return SignedNote.verifier(checkpoints.verifierKey()).open(note).orElseThrow();
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asText())));
        return hashes;
    }
}
