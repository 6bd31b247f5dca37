package io.tagledger.api;

import io.tagledger.api.settings.TagledgerProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manifests are served from memory, and what memory serves is never older than a write that was
 * answered: a tag moved, or an image deleted, is seen by every read that starts after the answer. The
 * digest is each manifest's ETag on the REST and OCI APIs.
 */
class ManifestCacheTest extends ApiTest {

    @Autowired
    private TagledgerProperties properties;

    @Test
    void theDigestIsTheETagAndIfNoneMatchAnswers304OnBothApis() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        String manifest = manifest("etag");
        String digest = digestOf(manifest);
        assertThat(push(name, "v1", manifest).status()).isEqualTo(201);
        String etag = "\"" + digest + "\"";

        if (!properties.sharedDatabase()) {
            // Served from memory: once read, a change to the view's row behind the ledger's back is not
            // seen, and a write through the ledger is. (With several nodes the cache is off.)
            assertThat(get("/repositories/" + name + "/-/manifests/v1").text()).isEqualTo(manifest);
            jdbc.update("update image_view set media_type = 'application/x-changed' where repository_name = ? and digest = ?", name, digest);
            try {
                assertThat(get("/repositories/" + name + "/-/manifests/v1").header("Content-Type"))
                        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
                assertThat(push(name, "v2", manifest("etag-other")).status()).isEqualTo(201);
                assertThat(get("/repositories/" + name + "/-/manifests/v1").header("Content-Type")).isEqualTo("application/x-changed");
            } finally {
                jdbc.update("update image_view set media_type = 'application/vnd.oci.image.manifest.v1+json'"
                        + " where repository_name = ? and digest = ?", name, digest);
                assertThat(push(name, "v3", manifest("etag-third")).status()).isEqualTo(201);
            }
        }

        for (String path : List.of("/repositories/" + name + "/-/manifests/", "/v2/" + name + "/manifests/")) {
            for (String reference : List.of("v1", digest)) {
                Response read = get(path + reference);
                assertThat(read.status()).as(path + reference).isEqualTo(200);
                assertThat(read.header("ETag")).as(path + reference).isEqualTo(etag);
                assertThat(read.text()).isEqualTo(manifest);

                Response unchanged = conditional("GET", path + reference, etag);
                assertThat(unchanged.status()).as(path + reference + " with If-None-Match").isEqualTo(304);
                assertThat(unchanged.body()).isEmpty();
                assertThat(unchanged.header("ETag")).isEqualTo(etag);

                Response other = conditional("GET", path + reference, "\"sha256:" + "0".repeat(64) + "\"");
                assertThat(other.status()).isEqualTo(200);
                assertThat(other.text()).isEqualTo(manifest);

                Response head = conditional("HEAD", path + reference, null);
                assertThat(head.status()).isEqualTo(200);
                assertThat(head.body()).isEmpty();
                assertThat(head.header("ETag")).isEqualTo(etag);
                assertThat(head.header("Docker-Content-Digest")).isEqualTo(digest);
            }
        }
    }

    @Test
    void aTagReadFromMemoryIsNeverOlderThanAnAnsweredMove() throws Exception {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        int moves = 25;
        List<String> digests = new ArrayList<>();
        Map<String, Integer> order = new ConcurrentHashMap<>();
        for (int i = 0; i <= moves; i++) {
            String manifest = manifest("moving-" + i);
            digests.add(digestOf(manifest));
            order.put(digestOf(manifest), i);
        }
        assertThat(push(name, "moving", manifest("moving-0")).status()).isEqualTo(201);
        // The last move answered: a read that starts after it may see that move or a later one, never an earlier.
        int[] answered = {0};
        AtomicBoolean done = new AtomicBoolean();
        List<String> stale = new CopyOnWriteArrayList<>();
        int[] reads = new int[1];
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> running = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                String path = r % 2 == 0 ? "/repositories/" + name + "/-/manifests/moving" : "/v2/" + name + "/manifests/moving";
                running.add(readers.submit(() -> {
                    int count = 0;
                    while (!done.get()) {
                        int atLeast;
                        synchronized (answered) {
                            atLeast = answered[0];
                        }
                        Response read = get(path);
                        Integer seen = order.get(read.header("Docker-Content-Digest"));
                        if (read.status() != 200 || seen == null || seen < atLeast) {
                            stale.add(path + " answered " + read.status() + " " + seen + " after move " + atLeast + " was answered");
                        }
                        count++;
                    }
                    return count;
                }));
            }
            for (int i = 1; i <= moves; i++) {
                assertThat(push(name, "moving", manifest("moving-" + i)).status()).isEqualTo(201);
                synchronized (answered) {
                    answered[0] = i;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            done.set(true);
            for (Future<Integer> reader : running) {
                reads[0] += reader.get(30, TimeUnit.SECONDS);
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(stale).as("reads older than an answered move, of " + reads[0]).isEmpty();
        assertThat(reads[0]).isGreaterThan(moves);

        // Deleted: by tag and by digest, not found on both APIs at once.
        String last = digests.get(moves);
        assertThat(get("/repositories/" + name + "/-/manifests/" + last).status()).isEqualTo(200);
        assertThat(delete("/repositories/" + name + "/-/images/" + last).status()).isEqualTo(204);
        for (String path : List.of("/repositories/" + name + "/-/manifests/", "/v2/" + name + "/manifests/")) {
            assertThat(get(path + "moving").status()).as(path + "moving").isEqualTo(404);
            assertThat(get(path + last).status()).as(path + last).isEqualTo(404);
        }
    }

    private Response conditional(String method, String path, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return exchange(request.build());
    }
}
