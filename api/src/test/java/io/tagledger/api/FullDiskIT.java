package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.domain.ImageDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The disk fills up under the packaged service: writes fail as they must, health says why, and once
 * space is back the service recovers by itself, with every acknowledged write there, also after a
 * SIGKILL and a restart. The data directory is on a tmpfs of 48 MB that the test mounts (as root: CI
 * runs as root; elsewhere the test is skipped, not passed).
 */
class FullDiskIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Path mount;
    private ServiceProcess service;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        assumeThat(run("id", "-u").strip()).as("root, to mount a tmpfs").isEqualTo("0");
        mount = Files.createDirectory(work.resolve("small"));
        assertThat(runForExit("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount.toString())).isZero();
    }

    @AfterEach
    void unmount() throws Exception {
        if (service != null) {
            service.close();
        }
        if (mount != null) {
            runForExit("umount", mount.toString());
        }
    }

    @Test
    void aFullDiskFailsWritesCleanlyAndTheServiceRecoversWithEveryAcknowledgedWrite() throws Exception {
        service = new ServiceProcess(mount.resolve("data"), work);
        service.start();
        assertThat(service.send("POST", "/repositories", "application/json", "{\"name\":\"disk/app\"}").statusCode()).isEqualTo(201);
        Map<String, String> acknowledged = new LinkedHashMap<>();
        pushUntilRefused(acknowledged, "before-", 10);

        Path filler = mount.resolve("filler");
        fill(filler);
        int refused = pushUntilRefused(acknowledged, "full-", 400);
        assertThat(refused).as("pushes refused once the disk is full").isPositive();
        HttpResponse<String> health = service.send("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("DOWN");

        Files.delete(filler);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (service.send("GET", "/actuator/health", null, null).statusCode() != 200) {
            assertThat(Instant.now()).as("recovered within 120 s: " + service.send("GET", "/actuator/health", null, null).body())
                    .isBefore(deadline);
            Thread.sleep(500);
        }
        pushUntilRefused(acknowledged, "after-", 5);
        assertThat(acknowledged).containsKeys("after-0", "after-4");
        assertEveryAcknowledgedWriteIsThere(acknowledged);

        service.killHard();
        service.start();
        assertEveryAcknowledgedWriteIsThere(acknowledged);
    }

    /** @return how many pushes were refused; each is a clean 503, never a 500 */
    private int pushUntilRefused(Map<String, String> acknowledged, String prefix, int count) throws Exception {
        int refused = 0;
        for (int i = 0; i < count && refused < 20; i++) {
            String manifest = ApiTest.manifest(prefix + i + "-" + "x".repeat(4000));
            HttpResponse<String> pushed = service.send("PUT", "/repositories/disk/app/-/manifests/" + prefix + i, null, manifest);
            if (pushed.statusCode() == 201) {
                acknowledged.put(prefix + i, manifest);
            } else {
                assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(503);
                assertThat(pushed.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(JSON.readTree(pushed.body()).get("code").asText()).isEqualTo("ServiceUnavailableException");
                assertThat(pushed.headers().firstValue("Retry-After")).isPresent();
                refused++;
            }
        }
        return refused;
    }

    private void assertEveryAcknowledgedWriteIsThere(Map<String, String> acknowledged) throws Exception {
        for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
            HttpResponse<String> manifest = service.send("GET", "/repositories/disk/app/-/manifests/" + entry.getKey(), null, null);
            assertThat(manifest.statusCode()).as(entry.getKey()).isEqualTo(200);
            assertThat(manifest.headers().firstValue("Docker-Content-Digest"))
                    .contains(ImageDigest.of(entry.getValue().getBytes(StandardCharsets.UTF_8)).value());
        }
        JsonNode verification = JSON.readTree(service.send("GET", "/repositories/disk/app/-/audit/verify", null, null).body());
        assertThat(verification.get("verified").asBoolean()).isTrue();
        assertThat(verification.get("events").asInt()).isEqualTo(acknowledged.size() + 1);
    }

    /** Writes real bytes (a sparse file takes no space) until the file system is full. */
    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (java.io.IOException full) {
            assertThat(full).hasMessageContaining("No space left");
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static int runForExit(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
