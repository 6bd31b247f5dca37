package io.tagledger.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.InetAddress;

/**
 * Open mode (no identity configured) listens on the loopback address only, unless {@code server.address}
 * says otherwise: a registry that anyone may write to is reachable from this machine alone by default,
 * so that a forgotten or misspelled key never exposes it. Says so at start, in one line.
 */
@Component
class OpenModeAddress implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(OpenModeAddress.class);

    private final Identities identities;
    private final Environment environment;

    OpenModeAddress(Identities identities, Environment environment) {
        this.identities = identities;
        this.environment = environment;
    }

    @Override
    public void customize(ConfigurableWebServerFactory server) {
        if (identities.configured()) {
            return;
        }
        String address = environment.getProperty("server.address");
        if (address == null) {
            server.setAddress(InetAddress.getLoopbackAddress());
            address = InetAddress.getLoopbackAddress().getHostAddress() + " only (set server.address to listen elsewhere)";
        }
        log.warn("Open mode: no identity is configured (tagledger.security), so every API is open to anyone who can reach it, "
                + "recorded as 'anonymous' (X-Actor and SigV4 key ids as claimed names only); listening on {}", address);
    }

    /** After Spring Boot's own customizer, which applies {@code server.address}. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
