package io.tagledger.api;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged service as a process of its own, started as the README says, on a data directory of the test's. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path dataDir;
    private final Path logDir;
    private Process process;
    private int port;
    private List<String> jvmOptions = List.of();
    private String host = "localhost";

    ServiceProcess(Path dataDir, Path logDir) {
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    /** Options for the JVM (a heap limit) of every later start. */
    ServiceProcess withJvmOptions(String... options) {
        this.jvmOptions = List.of(options);
        return this;
    }

    /** Listens on the address ({@code server.address}) in every later start, and is called there. */
    ServiceProcess withAddress(String address) {
        this.host = address;
        return this;
    }

    void start(String... properties) throws Exception {
        Path log = launch(properties);
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

    /** Starts the service with settings that must stop it: waits for it to exit, and gives what it wrote. */
    String failToStart(String... properties) throws Exception {
        Path log = launch(properties);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the service exits").isTrue();
        assertThat(process.exitValue()).as("its exit code").isNotZero();
        process = null;
        return Files.readString(log);
    }

    /** The first line of the service's log that contains the text, if any. */
    String logLine(String containing) throws IOException {
        try (var lines = Files.lines(logDir.resolve("service-" + port + ".log"))) {
            return lines.filter(line -> line.contains(containing)).findFirst().orElse(null);
        }
    }

    private Path launch(String... properties) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // The README's start: the unpacked jar with its class-data sharing archive, which halves a start.
        Path jar = Path.of("target", "tagledger", "tagledger.jar").toAbsolutePath();
        Path archive = Path.of("target", "tagledger", "tagledger.jsa").toAbsolutePath();
        assertThat(jar).exists();
        assertThat(archive).exists();
        Path log = logDir.resolve("service-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(), "--server.port=" + port, "--tagledger.data-dir=" + dataDir));
        if (!host.equals("localhost")) {
            command.add("--server.address=" + host);
        }
        command.addAll(List.of(properties));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return log;
    }

    /** What a run of the jar's monitor printed, and how it ended. */
    record Monitored(int exitCode, String output) {
    }

    /** {@code java -jar tagledger.jar monitor ...}, as cron runs it. */
    static Monitored monitor(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "tagledger", "tagledger.jar").toAbsolutePath().toString(), "monitor"));
        command.addAll(List.of(arguments));
        Process monitor = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(monitor.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(monitor.waitFor(2, TimeUnit.MINUTES)).as("the monitor ends").isTrue();
        return new Monitored(monitor.exitValue(), output);
    }

    /** SIGKILL: no shutdown hook, no flush, no orderly close of H2. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor()).isEqualTo(137);
        process = null;
    }

    /** SIGTERM: an orderly stop, H2 closed. */
    void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the service stops").isTrue();
        process = null;
    }

    /** SIGSTOP: the whole JVM frozen, as in a long pause of its collector, until {@link #resume()}. */
    void pause() throws Exception {
        signal("STOP");
    }

    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor()).isZero();
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    int port() {
        return port;
    }

    /** Where the service answers, e.g. {@code http://localhost:8080}. */
    String url() {
        return "http://" + host + ":" + port;
    }

    /** @param headers names and values, alternately */
    HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        return send(Duration.ofSeconds(30), method, path, contentType, body, headers);
    }

    /** @param timeout how long to wait for the answer; @param headers names and values, alternately */
    HttpResponse<String> send(Duration timeout, String method, String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
