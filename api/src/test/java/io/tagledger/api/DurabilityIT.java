package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.domain.ImageDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged write survives {@code kill -9}: the packaged jar runs as a process of its own, is
 * killed with SIGKILL right after its last answer, and started again on the same data directory.
 */
class DurabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        service = new ServiceProcess(dataDir.resolve("data"), dataDir);
        service.start();
        assertThat(service.send("POST", "/repositories", "application/json", "{\"name\":\"team/app\",\"imageTagMutability\":\"IMMUTABLE\"}")
                .statusCode()).isEqualTo(201);
        Map<String, String> manifestsByTag = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            String manifest = ApiTest.manifest("durable-" + i);
            manifestsByTag.put("v" + i, manifest);
            assertThat(service.send("PUT", "/repositories/team/app/-/manifests/v" + i, null, manifest).statusCode()).isEqualTo(201);
        }
        assertThat(service.send("DELETE", "/repositories/team/app/-/tags/v0", null, null).statusCode()).isEqualTo(204);
        manifestsByTag.remove("v0");

        service.killHard();
        service.start();

        for (Map.Entry<String, String> entry : manifestsByTag.entrySet()) {
            HttpResponse<String> manifest = service.send("GET", "/repositories/team/app/-/manifests/" + entry.getKey(), null, null);
            assertThat(manifest.statusCode()).as(entry.getKey()).isEqualTo(200);
            assertThat(manifest.body()).isEqualTo(entry.getValue());
            assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(
                    ImageDigest.of(entry.getValue().getBytes(StandardCharsets.UTF_8)).value());
        }
        assertThat(service.send("GET", "/repositories/team/app/-/tags/v0", null, null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(service.send("GET", "/repositories/team/app", null, null).body()).get("imageCount").asInt()).isEqualTo(24);
        HttpResponse<String> overwrite = service.send("PUT", "/repositories/team/app/-/manifests/v24", null, ApiTest.manifest("other"));
        assertThat(overwrite.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(overwrite.body()).get("code").asText()).isEqualTo("ImageTagAlreadyExistsException");

        // The hash chain goes on where it was before the kill: the new process reads the last link from the store.
        assertThat(service.send("PUT", "/repositories/team/app/-/manifests/after-restart", null, ApiTest.manifest("after")).statusCode())
                .isEqualTo(201);
        JsonNode verification = JSON.readTree(service.send("GET", "/repositories/team/app/-/audit/verify", null, null).body());
        assertThat(verification.get("verified").asBoolean()).isTrue();
        assertThat(verification.get("events").asInt()).isEqualTo(29);
    }
}
