package io.tagledger.api;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long does skopeo take to push and pull a 200 MB image of 5 layers, against tagledger (the
 * packaged jar) and, in the same run, against Debian's {@code docker-registry} (CNCF distribution 2.8)?
 * Each round pushes an image of its own (so that no client cache turns an upload into a mount) to a fresh
 * repository on each, and pulls it into a fresh directory; prints every round and the medians.
 *
 * <p>Not part of the test suite (its name matches no Surefire pattern). Needs skopeo and docker-registry
 * ({@code apt-get install skopeo docker-registry}). Run it with
 * {@code mvn -B -q install -DskipTests && mvn -B -pl api test -Dtest=OciTransferBenchmark -Dbench.rounds=5}.
 */
class OciTransferBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int LAYERS = 5;
    private static final int LAYER_BYTES = 40 * 1024 * 1024;

    @Test
    void pushesAndPullsA200MegabyteImage() throws Exception {
        Path work = Files.createTempDirectory("tagledger-oci-bench");
        ServiceProcess tagledger = new ServiceProcess(work.resolve("tagledger-data"), work);
        Process distribution = null;
        try {
            tagledger.start();
            int distributionPort = freePort();
            distribution = startDistribution(work, distributionPort);
            List<long[]> ours = new ArrayList<>();
            List<long[]> theirs = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Path layout = writeImage(work.resolve("layout" + round), round);
                String repository = "bench/r" + round;
                assertThat(tagledger.send("POST", "/repositories", "application/json", "{\"name\":\"" + repository + "\"}").statusCode())
                        .isEqualTo(201);
                ours.add(pushAndPull(layout, "127.0.0.1:" + tagledger.port(), repository, work.resolve("pulled-t" + round)));
                theirs.add(pushAndPull(layout, "127.0.0.1:" + distributionPort, repository, work.resolve("pulled-d" + round)));
                deleteTree(layout);
                deleteTree(work.resolve("pulled-t" + round));
                deleteTree(work.resolve("pulled-d" + round));
                System.out.printf("round %d: tagledger push %d ms, pull %d ms; distribution push %d ms, pull %d ms%n",
                        round, ours.get(round)[0], ours.get(round)[1], theirs.get(round)[0], theirs.get(round)[1]);
            }
            System.out.printf("median of %d rounds, 200 MB in 5 layers: tagledger push %d ms, pull %d ms; distribution push %d ms, pull %d ms%n",
                    ROUNDS, median(ours, 0), median(ours, 1), median(theirs, 0), median(theirs, 1));
        } finally {
            tagledger.close();
            if (distribution != null) {
                distribution.destroy();
                distribution.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static long[] pushAndPull(Path layout, String registry, String repository, Path into) throws Exception {
        long pushStart = System.nanoTime();
        skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + registry + "/" + repository + ":v1");
        long push = (System.nanoTime() - pushStart) / 1_000_000;
        long pullStart = System.nanoTime();
        skopeo("copy", "--src-tls-verify=false", "docker://" + registry + "/" + repository + ":v1", "oci:" + into + ":v1");
        long pull = (System.nanoTime() - pullStart) / 1_000_000;
        return new long[] {push, pull};
    }

    private static void skopeo(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    private static Process startDistribution(Path work, int port) throws Exception {
        Path config = work.resolve("distribution.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(work.resolve("distribution-data"), port));
        Process process = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("distribution.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("docker-registry did not start: " + Files.readString(work.resolve("distribution.log")));
    }

    /** 5 layers of 40 MB of random bytes each (gzip does not shrink them), as an OCI layout. */
    private static Path writeImage(Path dir, int seed) throws IOException {
        Random random = new Random(seed);
        List<OciImages.Blob> layers = new ArrayList<>();
        for (int i = 0; i < LAYERS; i++) {
            byte[] content = new byte[LAYER_BYTES];
            random.nextBytes(content);
            ByteArrayOutputStream gzipped = new ByteArrayOutputStream(LAYER_BYTES + 1024);
            try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
                gzip.write(content);
            }
            layers.add(new OciImages.Blob(OciImages.OCI_LAYER, gzipped.toByteArray(), null));
        }
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
        OciImages.Blob configBlob = new OciImages.Blob(OciImages.OCI_CONFIG, config.getBytes(StandardCharsets.UTF_8), null);
        StringBuilder manifest = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OciImages.OCI_MANIFEST + "\",\"config\":")
                .append(configBlob.descriptor()).append(",\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            manifest.append(i == 0 ? "" : ",").append(layers.get(i).descriptor());
        }
        manifest.append("]}");
        List<OciImages.Blob> blobs = new ArrayList<>(layers);
        blobs.add(0, configBlob);
        OciImages.Image image = new OciImages.Image(new OciImages.Blob(OciImages.OCI_MANIFEST,
                manifest.toString().getBytes(StandardCharsets.UTF_8), null), blobs, List.of());
        return OciImages.layout(dir, "v1", image);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static long median(List<long[]> rounds, int index) {
        return rounds.stream().mapToLong(round -> round[index]).sorted().toArray()[rounds.size() / 2];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
