package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.domain.ImageDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged write survives {@code kill -9}: the packaged jar runs as a process of its own, is
 * killed with SIGKILL right after its last answer, and started again on the same data directory.
 */
class DurabilityIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private Process process;
    private int port;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        start();
        assertThat(send("POST", "/repositories", "application/json", "{\"name\":\"team/app\",\"imageTagMutability\":\"IMMUTABLE\"}")
                .statusCode()).isEqualTo(201);
        Map<String, String> manifestsByTag = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            String manifest = ApiTest.manifest("durable-" + i);
            manifestsByTag.put("v" + i, manifest);
            assertThat(send("PUT", "/repositories/team/app/-/manifests/v" + i, null, manifest).statusCode()).isEqualTo(201);
        }
        assertThat(send("DELETE", "/repositories/team/app/-/tags/v0", null, null).statusCode()).isEqualTo(204);
        manifestsByTag.remove("v0");

        killHard();
        start();

        for (Map.Entry<String, String> entry : manifestsByTag.entrySet()) {
            HttpResponse<String> manifest = send("GET", "/repositories/team/app/-/manifests/" + entry.getKey(), null, null);
            assertThat(manifest.statusCode()).as(entry.getKey()).isEqualTo(200);
            assertThat(manifest.body()).isEqualTo(entry.getValue());
            assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(
                    ImageDigest.of(entry.getValue().getBytes(StandardCharsets.UTF_8)).value());
        }
        assertThat(send("GET", "/repositories/team/app/-/tags/v0", null, null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(send("GET", "/repositories/team/app", null, null).body()).get("imageCount").asInt()).isEqualTo(24);
        HttpResponse<String> overwrite = send("PUT", "/repositories/team/app/-/manifests/v24", null, ApiTest.manifest("other"));
        assertThat(overwrite.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(overwrite.body()).get("code").asText()).isEqualTo("ImageTagAlreadyExistsException");

        // The hash chain goes on where it was before the kill: the new process reads the last link from the store.
        assertThat(send("PUT", "/repositories/team/app/-/manifests/after-restart", null, ApiTest.manifest("after")).statusCode())
                .isEqualTo(201);
        JsonNode verification = JSON.readTree(send("GET", "/repositories/team/app/-/audit/verify", null, null).body());
        assertThat(verification.get("verified").asBoolean()).isTrue();
        assertThat(verification.get("events").asInt()).isEqualTo(29);
    }

    private void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path jar = Path.of("target", "tagledger.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path log = dataDir.resolve("service-" + port + ".log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--server.port=" + port, "--tagledger.data-dir=" + dataDir.resolve("data"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("The service exited: " + Files.readString(log));
            }
            try {
                if (send("GET", "/actuator/health", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The service did not become healthy: " + Files.readString(log));
    }

    private void killHard() throws InterruptedException {
        // destroyForcibly sends SIGKILL on Unix: no shutdown hook, no flush, no orderly close of H2.
        process.destroyForcibly();
        assertThat(process.waitFor()).isEqualTo(137);
        process = null;
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
