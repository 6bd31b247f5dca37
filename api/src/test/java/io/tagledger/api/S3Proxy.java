package io.tagledger.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real S3 API server for the tests: s3proxy (Maven Central's {@code org.gaul:s3proxy}, copied to
 * {@code target/s3proxy/} by the build) with its filesystem backend, in a process of its own on a
 * loopback port. One per test JVM, started when first asked for; each test context gets a bucket of its own.
 */
public final class S3Proxy {

    public static final String ACCESS_KEY = "s3-test-access-key";
    public static final String SECRET_KEY = "s3-test-secret-key";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3Proxy shared;

    private final Process process;
    private final int port;
    private final Path log;

    private S3Proxy(Path directory) throws Exception {
        Path jar = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("No s3proxy at " + jar + ": the build copies it there (mvn test-compile)");
        }
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path data = Files.createDirectories(directory.resolve("data"));
        Path settings = directory.resolve("s3proxy.conf");
        Files.writeString(settings, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                ""));
        log = directory.resolve("s3proxy.log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString(),
                "--properties", settings.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(log));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("s3proxy did not listen: " + Files.readString(log));
    }

    /** The server this JVM's tests share, started on first use and stopped with the JVM. */
    public static synchronized S3Proxy shared() {
        if (shared == null) {
            try {
                S3Proxy started = new S3Proxy(Files.createTempDirectory("s3proxy"));
                Runtime.getRuntime().addShutdownHook(new Thread(started.process::destroyForcibly));
                shared = started;
            } catch (Exception e) {
                throw new IllegalStateException("Could not start s3proxy", e);
            }
        }
        return shared;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public S3Client client() {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint())).forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build();
    }

    /** Creates a bucket of its own; @return its name */
    public String newBucket(String hint) {
        String bucket = "tl-" + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-") + "-" + BUCKETS.incrementAndGet();
        try (S3Client s3 = client()) {
            s3.createBucket(request -> request.bucket(bucket));
        }
        return bucket;
    }

    /** The service's settings for blobs in a new bucket of this server, as a command line gives them. */
    public List<String> settings(String bucket) {
        return List.of("--tagledger.blobs.store=s3", "--tagledger.blobs.s3.bucket=" + bucket, "--tagledger.blobs.s3.endpoint=" + endpoint(),
                "--tagledger.blobs.s3.path-style=true", "--tagledger.blobs.s3.access-key-id=" + ACCESS_KEY,
                "--tagledger.blobs.s3.secret-access-key=" + SECRET_KEY);
    }

    /** Puts a test context's blobs in a bucket of its own on the shared server; @return the bucket */
    public static String use(DynamicPropertyRegistry registry, String hint) {
        S3Proxy proxy = shared();
        String bucket = proxy.newBucket(hint);
        for (String setting : proxy.settings(bucket)) {
            String[] pair = setting.substring(2).split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
        return bucket;
    }
}
