package io.tagledger.api.security;

import io.tagledger.api.web.Api;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagledger.api.web.ApiErrors;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Requests that could not be authenticated: counted ({@code tagledger.authentication.failures}, by API
 * and reason) and logged, never with a secret, and not written to the event store, so that
 * unauthenticated traffic cannot fill it. On the REST and OCI APIs they answer 401 with a challenge.
 */
@Component
public class AuthenticationFailures implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationFailures.class);
    static final String CHALLENGE = "Bearer realm=\"tagledger\", Basic realm=\"tagledger\"";

    private final MeterRegistry meters;
    private final ApiErrors errors;

    AuthenticationFailures(MeterRegistry meters, ApiErrors errors) {
        this.meters = meters;
        this.errors = errors;
    }

    /** @param reason what failed, in words that name no secret: {@code missing}, {@code unknown key}, {@code bad signature}... */
    public void record(String api, String sourceAddress, String reason) {
        meters.counter("tagledger.authentication.failures", "api", api, "reason", reason).increment();
        log.warn("Authentication failed on the {} API from {}: {}", api, sourceAddress, reason);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        boolean missing = failure instanceof InsufficientAuthenticationException;
        boolean oci = Api.of(request) == Api.OCI;
        record(oci ? "oci" : "rest", request.getRemoteAddr(), missing ? "missing" : "invalid credentials");
        // Registry clients (docker login) know Basic, and a bearer challenge would send them looking for a token service.
        response.setHeader("WWW-Authenticate", oci ? "Basic realm=\"tagledger\"" : CHALLENGE);
        errors.write(request, 401, RegistryException.of(missing ? Refusal.MISSING_AUTHENTICATION_TOKEN : Refusal.INVALID_CREDENTIALS), response);
    }
}
