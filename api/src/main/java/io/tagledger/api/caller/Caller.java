package io.tagledger.api.caller;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who sent a request, through which API, from where: recorded as metadata on every event the
 * request causes, so that the trail can say who did what.
 *
 * @param principal     the SigV4 access key id on the ECR API; on the REST API the authenticated user,
 *                      else the {@code X-Actor} header, else {@code anonymous}
 * @param api           {@code rest} or {@code ecr}
 * @param correlationId the caller's {@code X-Correlation-Id}, else the request id
 */
public record Caller(String principal, String api, String sourceAddress, String userAgent, String requestId,
                     String correlationId) {

    public static final String ANONYMOUS = "anonymous";
    public static final String PRINCIPAL = "principal";
    public static final String API = "api";
    public static final String SOURCE_ADDRESS = "sourceAddress";
    public static final String USER_AGENT = "userAgent";
    public static final String REQUEST_ID = "requestId";
    public static final String CORRELATION_ID = "correlationId";

    /** The keys copied from a command onto its events. */
    public static final String[] COPIED_KEYS = {PRINCIPAL, API, SOURCE_ADDRESS, USER_AGENT, REQUEST_ID, CORRELATION_ID};

    public Map<String, String> asMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(PRINCIPAL, principal);
        metadata.put(API, api);
        metadata.put(SOURCE_ADDRESS, sourceAddress);
        metadata.put(USER_AGENT, userAgent);
        metadata.put(REQUEST_ID, requestId);
        metadata.put(CORRELATION_ID, correlationId);
        metadata.values().removeIf(value -> value == null);
        return metadata;
    }
}
