package io.tagledger.api;

import io.tagledger.api.transparency.GoVerifier;
import io.tagledger.domain.ImageDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transparency log of the packaged jar, checked from outside by the monitor ({@code java -jar tagledger.jar
 * monitor}) and by Go's {@code sumdb/tlog}, through a life a store can have: concurrent writers killed with
 * SIGKILL, a restart; then the ways a ledger can be bent with the database's own tools: a row changed, an
 * entry removed, and a rollback grown differently (whose log is made anew at start, as for a store from
 * before the log, and is the very log signed before).
 */
class TransparencyLogIT {

    private static final int WRITERS = 8;
    /** Enough acknowledged pushes that the log spans two entry bundles (256 entries each). */
    private static final int ACKNOWLEDGED = 300;
    /** An entry bundle's width: the changed entry is in the first bundle, the removed one in the second. */
    private static final long BUNDLE = 256;

    @TempDir
    Path dir;

    private ServiceProcess service;
    private String verifierKey;

    /** Checkpoints signed often, so that the test waits little for the one after its writes. */
    private void start() throws Exception {
        service.start("--tagledger.log.checkpoint-interval=200ms");
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theMonitorAndGoFindEveryAcknowledgedEntryAndEveryRewrite() throws Exception {
        Path data = dir.resolve("data");
        Path state = dir.resolve("monitor-state");
        service = new ServiceProcess(data, dir);
        start();
        verifierKey = service.send("GET", "/log/verifier-key", null, null).body().strip();
        assertThat(service.send("POST", "/repositories", "application/json", "{\"name\":\"team/app\"}").statusCode()).isEqualTo(201);
        String first = ApiTest.manifest("first");
        String second = ApiTest.manifest("second");
        push("v1.4.2", first);
        push("prod", first);
        push("prod", second);

        // Writers race until SIGKILL, right after an answer: every push answered 201 must be in the next checkpoint.
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                for (int i = 0; ; i++) {
                    String manifest = ApiTest.manifest("w" + writer + "-" + i);
                    try {
                        if (service.send("PUT", "/repositories/team/app/-/manifests/w" + writer + "-" + i, null, manifest).statusCode() == 201) {
                            acknowledged.put("w" + writer + "-" + i, digestOf(manifest));
                            answered.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException killed) {
                        return null;
                    }
                }
            });
        }
        while (answered.get() < ACKNOWLEDGED) {
            Thread.sleep(5);
        }
        service.killHard();
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        Path rolledBack = copy(data, dir.resolve("rolled-back"));

        start();
        long afterKill = settledCheckpoint();
        ServiceProcess.Monitored checked = monitor(state, "--watch", "team/app:*");
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        acknowledged.forEach((tag, digest) -> assertThat(checked.output()).as("acknowledged %s", tag)
                .contains("team/app:" + tag + "\n  leaf ").containsPattern("pushed " + digest + "  by anonymous via rest"));
        assertThat(checked.output()).containsPattern("team/app:prod\n.*pushed " + digestOf(first) + ".*\n.*moved " + digestOf(first)
                + " -> " + digestOf(second) + ".*\n  points at " + digestOf(second) + "; MOVED: it has pointed at 2 digests");
        assertThat(checked.output()).contains("team/app:v1.4.2\n").contains("never pointed elsewhere");
        GoVerifier.Outcome go = GoVerifier.run("-log", service.url() + "/log", "-key", verifierKey, "-records", "0,2,260," + (afterKill - 1));
        assertThat(go.exitCode()).as(go.output()).isZero();
        Path killed = dir.resolve("checkpoint-after-kill");
        Files.writeString(killed, service.send("GET", "/log/checkpoint", null, null).body());

        push("after-restart", ApiTest.manifest("after-restart"));
        long grown = settledCheckpoint();
        assertThat(grown).isGreaterThan(afterKill);
        ServiceProcess.Monitored extended = monitor(state, "--watch", "team/app:after-restart");
        assertThat(extended.exitCode()).as(extended.output()).isZero();
        assertThat(extended.output()).contains("consistent with the checkpoint verified before (" + afterKill + " entries)");
        Path seen = dir.resolve("seen-checkpoint");
        Files.writeString(seen, service.send("GET", "/log/checkpoint", null, null).body());

        // A row changed with JDBC (v1.4.2 made to name the other digest), and an entry removed.
        service.stop();
        long changed = leafOf(data, "v1.4.2");
        long removed = pushAtOrAfter(data, BUNDLE);
        try (Connection connection = connect(data)) {
            String event = eventOf(connection, changed);
            byte[] payload;
            try (PreparedStatement read = connection.prepareStatement("select payload from domain_event_entry where event_identifier = ?")) {
                read.setString(1, event);
                try (ResultSet row = read.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    payload = row.getBytes(1);
                }
            }
            String bent = new String(payload, StandardCharsets.UTF_8).replace(digestOf(first), digestOf(second));
            try (PreparedStatement write = connection.prepareStatement("update domain_event_entry set payload = ? where event_identifier = ?")) {
                write.setBytes(1, bent.getBytes(StandardCharsets.UTF_8));
                write.setString(2, event);
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from domain_event_entry where event_identifier = ?")) {
                delete.setString(1, eventOf(connection, removed));
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
        }
        start();
        ServiceProcess.Monitored tampered = monitor(state, "--watch", "team/app:v1.4.2");
        assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
        assertThat(tampered.output()).contains("TAMPERED: entry " + changed + " does not hash to the log's leaf " + changed)
                .containsPattern("TAMPERED: tile/entries/001(\\.p/[0-9]+)? holds [0-9]+ entries where the checkpoint has [0-9]+")
                .doesNotContain("OK\n");
        GoVerifier.Outcome goChanged = GoVerifier.run("-log", service.url() + "/log", "-key", verifierKey, "-records", Long.toString(changed));
        assertThat(goChanged.exitCode()).as(goChanged.output()).isNotZero();
        assertThat(goChanged.output()).contains("record " + changed + " is not in the log");
        GoVerifier.Outcome goRemoved = GoVerifier.run("-log", service.url() + "/log", "-key", verifierKey, "-records", Long.toString(removed));
        assertThat(goRemoved.exitCode()).as(goRemoved.output()).isNotZero();
        assertThat(goRemoved.output()).containsPattern("record " + removed + " is not in the log|ends before record " + removed);

        // The store rolled back to the copy taken after the kill, its log's tables as the migration leaves them for a
        // store from before the log: made again at start, the log is the one the checkpoint after the kill signed.
        service.stop();
        deleteTree(data);
        copy(rolledBack, data);
        sql(data, "delete from log_leaf", "delete from log_node", "delete from log_checkpoint",
                "update log_head set tree_size = 0, backfilled = false");
        start();
        assertThat(settledCheckpoint()).isEqualTo(afterKill);
        GoVerifier.Outcome goBackfilled = GoVerifier.run("-log", service.url() + "/log", "-key", verifierKey, "-old", killed.toString());
        assertThat(goBackfilled.exitCode()).as(goBackfilled.output()).isZero();
        assertThat(goBackfilled.output()).contains("consistent with " + afterKill + " ");
        // Then grown differently, past what the monitor saw: a fork.
        for (int i = 0; settledCheckpoint() <= grown; i++) {
            push("fork-" + i, ApiTest.manifest("fork-" + i));
        }
        ServiceProcess.Monitored forked = monitor(state);
        assertThat(forked.exitCode()).as(forked.output()).isEqualTo(1);
        assertThat(forked.output()).contains("TAMPERED: the first " + grown + " entries are not those of the checkpoint verified before");
        GoVerifier.Outcome goForked = GoVerifier.run("-log", service.url() + "/log", "-key", verifierKey, "-old", seen.toString());
        assertThat(goForked.exitCode()).as(goForked.output()).isNotZero();
        assertThat(goForked.output()).contains("not consistent with the checkpoint of size " + grown);
        // A monitor that never saw the other branch finds nothing wrong: the trust model needs the last checkpoint kept.
        assertThat(monitor(dir.resolve("fresh-state")).exitCode()).isZero();
    }

    private void push(String tag, String manifest) throws Exception {
        HttpResponse<String> pushed = service.send("PUT", "/repositories/team/app/-/manifests/" + tag, null, manifest);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    }

    private static String digestOf(String manifest) {
        return ImageDigest.of(manifest.getBytes(StandardCharsets.UTF_8)).value();
    }

    /** The size of the latest checkpoint once it stops growing: the checkpoint signed after every committed entry. */
    private long settledCheckpoint() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long last = -1;
        while (Instant.now().isBefore(deadline)) {
            long size = Long.parseLong(service.send("GET", "/log/checkpoint", null, null).body().split("\n")[1]);
            if (size == last) {
                return size;
            }
            last = size;
            Thread.sleep(700);
        }
        throw new AssertionError("The checkpoint kept growing");
    }

    private ServiceProcess.Monitored monitor(Path state, String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--log", service.url() + "/log", "--key", verifierKey, "--state", state.toString()));
        arguments.addAll(List.of(more));
        return ServiceProcess.monitor(arguments.toArray(String[]::new));
    }

    private static Connection connect(Path data) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + data.resolve("tagledger"), "sa", "");
    }

    private static void sql(Path data, String... statements) throws Exception {
        try (Connection connection = connect(data); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    /** The leaf of the push of a tag. */
    private static long leafOf(Path data, String tag) throws Exception {
        try (Connection connection = connect(data); PreparedStatement query = connection.prepareStatement(
                "select l.leaf_index, e.payload from log_leaf l join domain_event_entry e on e.event_identifier = l.event_identifier "
                        + "where e.payload_type like '%ImagePushed' order by l.leaf_index");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (new String(rows.getBytes(2), StandardCharsets.UTF_8).contains("\"tag\":\"" + tag + "\"")) {
                    return rows.getLong(1);
                }
            }
        }
        throw new AssertionError("No push of " + tag);
    }

    /** The first leaf, from {@code least} on, of a push. */
    private static long pushAtOrAfter(Path data, long least) throws Exception {
        try (Connection connection = connect(data); PreparedStatement query = connection.prepareStatement(
                "select min(l.leaf_index) from log_leaf l join domain_event_entry e on e.event_identifier = l.event_identifier "
                        + "where e.payload_type like '%ImagePushed' and l.leaf_index >= ?")) {
            query.setLong(1, least);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getObject(1)).as("a push at leaf %d or after", least).isNotNull();
                return row.getLong(1);
            }
        }
    }

    private static String eventOf(Connection connection, long leaf) throws Exception {
        try (PreparedStatement query = connection.prepareStatement("select event_identifier from log_leaf where leaf_index = ?")) {
            query.setLong(1, leaf);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
