package io.tagledger.api.nodes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tagledger.api.ledger.OwnershipLost;
import io.tagledger.api.storage.StorageFailures;
import io.tagledger.domain.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where the other nodes send the commands of repositories this node owns ({@link CommandForwarding}):
 * a port of its own, apart from the APIs, served by the JDK's HTTP server. A forwarded command needs
 * none of what an API request passes through (authentication, the caller, the error formats): its
 * node did that. So it costs the owner little more than deciding it, and the port can stay on the
 * network between the nodes, out of the load balancer's reach.
 *
 * <p>It listens on {@code tagledger.nodes.url}'s port (on every interface, unless the URL is a loopback
 * one), or, unset, on a free loopback port (nodes on one machine), and the leases publish where.
 */
public final class NodeServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeServer.class);
    private static final int THREADS = 64;

    private final CommandForwarding forwarding;
    /** Looked up when the first command arrives: the command side needs the leases, which need this server's address. */
    private final Supplier<CommandsHere> commands;
    private final String configuredUrl;
    private HttpServer server;
    private ExecutorService threads;
    private volatile String url;

    public NodeServer(CommandForwarding forwarding, Supplier<CommandsHere> commands, String configuredUrl) {
        this.forwarding = forwarding;
        this.commands = commands;
        this.configuredUrl = configuredUrl;
    }

    /** Where the other nodes reach this one; known once it listens. */
    public String url() {
        String known = url;
        return known != null ? known : "http://127.0.0.1:0";
    }

    private void decide(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, new byte[0]);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            CommandForwarding.Forwarded command;
            try {
                command = forwarding.receive(body, exchange.getRequestHeaders().getFirst(CommandForwarding.SIGNED_AT),
                        exchange.getRequestHeaders().getFirst(CommandForwarding.SIGNATURE));
            } catch (SecurityException | IllegalArgumentException | DateTimeParseException refused) {
                log.warn("Refused a forwarded command from {}: {}", exchange.getRemoteAddress(), refused.getMessage());
                answer(exchange, 403, new byte[0]);
                return;
            }
            try {
                answer(exchange, 200, forwarding.result(commands.get().decideForwarded(command.repository(), command.command(), command.metadata())));
            } catch (NotTheOwner | OwnershipLost moved) {
                answer(exchange, CommandForwarding.NOT_THE_OWNER, new byte[0]);
            } catch (RegistryException refusal) {
                answer(exchange, CommandForwarding.REFUSED, forwarding.refused(refusal));
            } catch (RuntimeException failed) {
                if (StorageFailures.isStorageFailure(failed) || StorageFailures.isTransient(failed)) {
                    answer(exchange, CommandForwarding.REFUSED, forwarding.refused(StorageFailures.unavailable()));
                } else {
                    log.error("A forwarded command for {} failed", command.repository(), failed);
                    answer(exchange, 500, new byte[0]);
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Before the leases, which publish its address. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    @Override
    public void start() {
        try {
            InetSocketAddress address = configuredUrl == null ? new InetSocketAddress("127.0.0.1", 0) : bindAddress(URI.create(configuredUrl));
            server = HttpServer.create(address, 128);
            AtomicInteger count = new AtomicInteger();
            threads = Executors.newFixedThreadPool(THREADS, runnable -> {
                Thread thread = new Thread(runnable, "node-commands-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(threads);
            server.createContext(CommandForwarding.PATH, this::decide);
            server.start();
            url = configuredUrl != null ? configuredUrl : "http://127.0.0.1:" + server.getAddress().getPort();
            log.info("Taking the commands other nodes forward at {}", url);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen for the commands other nodes forward (tagledger.nodes.url=" + configuredUrl + ")", e);
        }
    }

    /** A loopback URL is listened on at loopback only; any other on every interface, since it may name a balancer or a NAT. */
    private static InetSocketAddress bindAddress(URI url) {
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        boolean loopback = url.getHost().equals("localhost") || url.getHost().startsWith("127.") || url.getHost().equals("[::1]");
        return loopback ? new InetSocketAddress(url.getHost().equals("localhost") ? "127.0.0.1" : url.getHost(), port) : new InetSocketAddress(port);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
