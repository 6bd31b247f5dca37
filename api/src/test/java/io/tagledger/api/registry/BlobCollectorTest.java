package io.tagledger.api.registry;

import io.tagledger.api.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blobs that no manifest names are collected once their grace has passed, and never a blob that a push
 * names, even when the push races the collection (here with no grace at all, the hardest case).
 */
@TestPropertySource(properties = {"tagledger.blobs.gc-grace=0s", "tagledger.blobs.gc-interval=1h"})
class BlobCollectorTest extends ApiTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @Autowired
    private BlobCollector collector;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
    }

    private String upload(String name, byte[] bytes) {
        String digest = sha256Of(bytes);
        Response created = send("POST", "/v2/" + name + "/blobs/uploads/?digest=" + digest, "application/octet-stream", bytes);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return digest;
    }

    private static String sha256Of(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] manifestNaming(String config, int configSize, String layer, int layerSize) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":" + configSize + "},\"layers\":"
                + "[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layer + "\",\"size\":" + layerSize + "}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBlobThatNoManifestNamesIsCollectedAndOneThatAManifestNamesIsKept() throws Exception {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"of\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + name).getBytes(StandardCharsets.UTF_8);
        byte[] orphan = ("orphan of " + name).getBytes(StandardCharsets.UTF_8);
        String configDigest = upload(name, config);
        String layerDigest = upload(name, layer);
        String orphanDigest = upload(name, orphan);
        assertThat(send("PUT", "/v2/" + name + "/manifests/v1", OCI_MANIFEST,
                manifestNaming(configDigest, config.length, layerDigest, layer.length)).status()).isEqualTo(201);

        BlobCollector.Collected collected = collector.collect();

        assertThat(collected.links()).isGreaterThanOrEqualTo(1);
        assertThat(collected.blobs()).isGreaterThanOrEqualTo(1);
        assertThat(send("HEAD", "/v2/" + name + "/blobs/" + orphanDigest, null, null).status()).isEqualTo(404);
        assertThat(get("/v2/" + name + "/blobs/" + layerDigest).body()).isEqualTo(layer);
        assertThat(get("/v2/" + name + "/blobs/" + configDigest).body()).isEqualTo(config);
    }

    @Test
    void aPushRacingACollectionEitherIsRefusedOrKeepsEveryBlobItNames() throws Exception {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int accepted = 0;
        try {
            // Which side wins is up to the scheduler: rounds go on (up to 200) until a push has won at least once.
            for (int round = 0; round < 30 || accepted == 0 && round < 200; round++) {
                byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"round\":" + round + "}").getBytes(StandardCharsets.UTF_8);
                byte[] layer = ("layer " + round + " of " + name).getBytes(StandardCharsets.UTF_8);
                String configDigest = upload(name, config);
                String layerDigest = upload(name, layer);
                byte[] manifest = manifestNaming(configDigest, config.length, layerDigest, layer.length);
                String tag = "r" + round;
                Future<Integer> push = pool.submit(() -> send("PUT", "/v2/" + name + "/manifests/" + tag, OCI_MANIFEST, manifest).status());
                Future<BlobCollector.Collected> collection = pool.submit(collector::collect);
                int status = push.get();
                collection.get();
                collector.collect();
                assertThat(status).isIn(201, 400);
                if (status == 201) {
                    accepted++;
                    assertThat(get("/v2/" + name + "/blobs/" + layerDigest).body()).as("round " + round).isEqualTo(layer);
                    assertThat(get("/v2/" + name + "/blobs/" + configDigest).body()).as("round " + round).isEqualTo(config);
                } else {
                    assertThat(get("/v2/" + name + "/manifests/" + tag).status()).isEqualTo(404);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accepted).as("pushes that won the race").isGreaterThan(0);
    }
}
