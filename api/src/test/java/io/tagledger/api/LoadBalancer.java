package io.tagledger.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx in front of the nodes, started with the configuration the docs give
 * ({@code docs/examples/nginx.conf}), changed only where a test must: its nodes' ports, its own port,
 * its pid file, and a log of which node took each request.
 */
final class LoadBalancer implements AutoCloseable {

    private static final Path CONFIGURATION = Path.of("..", "docs", "examples", "nginx.conf");

    private final Process process;
    private final int port;
    private final Path log;

    /** A request as the balancer passed it on: its method and path, and the node that took it. */
    record Passed(String method, String path, String node) {
    }

    LoadBalancer(Path directory, List<Integer> nodePorts) throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        log = directory.resolve("passed.log");
        String configuration = Files.readString(CONFIGURATION);
        StringBuilder servers = new StringBuilder();
        for (int nodePort : nodePorts) {
            servers.append("        server 127.0.0.1:").append(nodePort).append(";\n");
        }
        configuration = configuration
                .replaceAll("(?m)^ +server node-\\d\\.example:8080;\\n", "")
                .replace("    upstream tagledger {\n", "    upstream tagledger {\n" + servers)
                .replace("listen 5000;", "listen 127.0.0.1:" + port + ";")
                .replace("pid /run/tagledger-nginx.pid;", "pid " + directory.resolve("nginx.pid") + ";")
                .replace("    access_log off;", "    log_format passed '$request_method $uri $upstream_addr';\n"
                        + "    access_log " + log + " passed;");
        Path file = directory.resolve("nginx.conf");
        Files.writeString(file, configuration);
        process = new ProcessBuilder(executable().toString(), "-c", file.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(directory.resolve("nginx.out").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(directory.resolve("nginx.out")));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not listen: " + Files.readString(directory.resolve("nginx.out")));
    }

    static boolean installed() {
        return executable() != null;
    }

    /** Debian puts it in /usr/sbin, which a user's PATH may lack. */
    private static Path executable() {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        directories.add("/usr/sbin");
        for (String directory : directories) {
            Path nginx = Path.of(directory.isEmpty() ? "." : directory, "nginx");
            if (Files.isExecutable(nginx)) {
                return nginx;
            }
        }
        return null;
    }

    int port() {
        return port;
    }

    /** Every request passed on so far. */
    List<Passed> passed() throws IOException {
        List<Passed> passed = new ArrayList<>();
        Pattern line = Pattern.compile("(\\S+) (\\S+) (\\S+)");
        for (String entry : Files.readAllLines(log)) {
            Matcher matcher = line.matcher(entry);
            if (matcher.matches()) {
                passed.add(new Passed(matcher.group(1), matcher.group(2), matcher.group(3)));
            }
        }
        return passed;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
