package io.tagledger.api.nodes;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Where the other nodes reach this one: {@code tagledger.nodes.url}, or else the loopback address with
 * the port the web server listens on, once it listens.
 */
public final class NodeAddress implements ApplicationListener<WebServerInitializedEvent> {

    private final String configured;
    private volatile String url;

    public NodeAddress(String configured) {
        this.configured = configured;
        this.url = configured;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (configured == null) {
            url = "http://127.0.0.1:" + event.getWebServer().getPort();
        }
    }

    /** Until the web server listens (unless configured), a port that nobody listens on. */
    public String url() {
        String known = url;
        return known != null ? known : "http://127.0.0.1:0";
    }
}
