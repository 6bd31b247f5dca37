package io.tagledger.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blobs are streamed, never held: a 512 MiB blob goes up in four chunks to the packaged service running
 * in a 128 MiB heap, which is killed with SIGKILL halfway and started again; the upload goes on where it
 * stood, and the blob comes back whole, with its digest. The same with blobs in an S3-compatible object
 * store (a real s3proxy), where the chunks go up as multipart uploads and are written into place as one.
 */
class LargeBlobIT {

    private static final long CHUNK = 128L * 1024 * 1024;
    private static final int CHUNKS = 4;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** The bytes of chunk {@code index}: a pattern no compression or cache shortens, the same on every read. */
    private static InputStream chunk(int index) {
        return new InputStream() {
            private long position;
            private long state = 0x9E3779B97F4A7C15L * (index + 1);

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= CHUNK) {
                    return -1;
                }
                int count = (int) Math.min(length, CHUNK - position);
                for (int i = 0; i < count; i++) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                    buffer[offset + i] = (byte) state;
                }
                position += count;
                return count;
            }
        };
    }

    private HttpResponse<String> patch(String location, int index) throws IOException, InterruptedException {
        long start = index * CHUNK;
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + location))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", start + "-" + (start + CHUNK - 1))
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> chunk(index)), CHUNK))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "blobs in {0}")
    @ValueSource(strings = {"files", "an object store"})
    void aOneGibibyteBlobUploadedInChunksAcrossASigkillComesBackWhole(String store) throws Exception {
        service = new ServiceProcess(work.resolve("data"), work).withJvmOptions("-Xmx128m");
        String[] settings = store.equals("files") ? new String[0]
                : S3Proxy.shared().settings(S3Proxy.shared().newBucket("large")).toArray(String[]::new);
        service.start(settings);
        assertThat(service.send("POST", "/repositories", "application/json", "{\"name\":\"big/blob\"}").statusCode()).isEqualTo(201);
        MessageDigest expected = sha256();
        for (int i = 0; i < CHUNKS; i++) {
            try (InputStream in = chunk(i)) {
                byte[] buffer = new byte[1 << 20];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    expected.update(buffer, 0, read);
                }
            }
        }
        String digest = "sha256:" + HexFormat.of().formatHex(expected.digest());
        String location = service.send("POST", "/v2/big/blob/blobs/uploads/", null, null).headers().firstValue("Location").orElseThrow();

        assertThat(patch(location, 0).statusCode()).isEqualTo(202);
        assertThat(patch(location, 1).statusCode()).isEqualTo(202);
        service.killHard();
        service.start(settings);
        HttpResponse<String> status = service.send("GET", location, null, null);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).contains("0-" + (2 * CHUNK - 1));
        assertThat(patch(location, 2).statusCode()).isEqualTo(202);
        assertThat(patch(location, 3).statusCode()).isEqualTo(202);
        assertThat(service.send("PUT", location + "?digest=" + digest, null, null).statusCode()).isEqualTo(201);

        HttpResponse<InputStream> blob = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.port()
                + "/v2/big/blob/blobs/" + digest)).timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest actual = sha256();
        long size = 0;
        try (InputStream in = blob.body()) {
            byte[] buffer = new byte[1 << 20];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                actual.update(buffer, 0, read);
                size += read;
            }
        }
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(size).isEqualTo(CHUNKS * CHUNK);
        assertThat("sha256:" + HexFormat.of().formatHex(actual.digest())).isEqualTo(digest);
        assertThat(service.send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }
}
