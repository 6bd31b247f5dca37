package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.Manifests;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a random port, over real HTTP, on a real H2 file database of its own, or,
 * in the suite's PostgreSQL run, on a database of its own on a real PostgreSQL server ({@link TestDatabases}).
 * Subclasses share one application context; each test works in repositories of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    private static final Path DATA_DIR = createDataDir();
    private static final AtomicInteger REPOSITORIES = new AtomicInteger();
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        TestDatabases.useShared(DATA_DIR, registry);
    }

    protected static Path createDataDir() {
        try {
            return Files.createTempDirectory("tagledger-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A repository name no other test uses. */
    protected static String newRepositoryName() {
        return "team" + REPOSITORIES.incrementAndGet() + "/app";
    }

    /** A small valid manifest, the domain tests' own; {@code seed} makes each one's digest different. */
    public static String manifest(String seed) {
        return Manifests.ociManifest(seed);
    }

    protected static String digestOf(String manifest) {
        return ImageDigest.of(manifest.getBytes(StandardCharsets.UTF_8)).value();
    }

    /** Events of repositories' histories; refusals, recorded for the audit trail alone, have no aggregate type. */
    protected long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where type is not null", Long.class);
    }

    protected long refusalsRecorded() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where type is null", Long.class);
    }

    /**
     * For a class that needs a database of its own (and so a context of its own): call from its {@code @DynamicPropertySource}.
     * It is the service's own database settings in a data directory of its own.
     */
    protected static void useOwnDatabase(DynamicPropertyRegistry registry) {
        TestDatabases.useOwn(createDataDir(), registry);
    }

    protected Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization() != null) {
            request.header("Authorization", authorization());
        }
        return exchange(request.build());
    }

    /** The {@code Authorization} the helpers send; none unless a class that configures identities says. */
    protected String authorization() {
        return null;
    }

    /** HTTP Basic with an access key. */
    protected static String basic(String accessKeyId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((accessKeyId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    protected static Response exchange(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request exactly as written, over a socket: for what an HTTP client refuses to send
     * ({@code %zz} in a path) or cannot wait for (an answer to {@code Expect: 100-continue} that is not 100).
     */
    protected Response raw(String requestHead) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            head.lines().skip(1).filter(line -> line.contains(":")).forEach(line -> headers
                    .computeIfAbsent(line.substring(0, line.indexOf(':')).trim(), name -> new ArrayList<>())
                    .add(line.substring(line.indexOf(':') + 1).trim()));
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("}") + 1);
            }
            return new Response(status, HttpHeaders.of(headers, (a, b) -> true), body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every projection compared with the event store, read through this service's API. */
    protected LedgerCheck ledgerCheck() {
        return new LedgerCheck((path, accept) -> {
            Response response = exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept).build());
            assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
            return response.text();
        }, jdbc);
    }

    protected Response get(String path) {
        return send("GET", path, null, null);
    }

    protected Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    protected Response postJson(String path, String json) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    protected Response putJson(String path, String json) {
        return send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    protected Response push(String repository, String reference, String manifest) {
        return send("PUT", "/repositories/" + repository + "/-/manifests/" + reference, null,
                manifest.getBytes(StandardCharsets.UTF_8));
    }

    protected Response createRepository(String name, String mutability) {
        Response response = postJson("/repositories", "{\"name\":\"" + name + "\",\"imageTagMutability\":\"" + mutability + "\"}");
        if (response.status() != 201) {
            throw new AssertionError("Could not create " + name + ": " + response.text());
        }
        return response;
    }

    public record Response(int status, HttpHeaders headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + text(), e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
