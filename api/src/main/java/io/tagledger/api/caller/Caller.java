package io.tagledger.api.caller;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who sent a request, through which API, from where: recorded as metadata on every event the
 * request causes, so that the trail can say who did what.
 *
 * @param claimedBy     open mode only: the name a caller gave itself ({@code X-Actor} on REST, the SigV4 access
 *                      key id on ECR). A claim, recorded apart from the principal and never as one
 * @param api           {@code rest} or {@code ecr}
 * @param correlationId the caller's {@code X-Correlation-Id}, else the request id
 */
public record Caller(String claimedBy, String api, String sourceAddress, String userAgent, String requestId,
                     String correlationId) {

    public static final String PRINCIPAL = "principal";
    public static final String CLAIMED_BY = "claimedBy";
    public static final String API = "api";
    public static final String SOURCE_ADDRESS = "sourceAddress";
    public static final String USER_AGENT = "userAgent";
    public static final String REQUEST_ID = "requestId";
    public static final String CORRELATION_ID = "correlationId";

    /** The keys copied from a command onto its events. */
    public static final String[] COPIED_KEYS = {PRINCIPAL, CLAIMED_BY, API, SOURCE_ADDRESS, USER_AGENT, REQUEST_ID, CORRELATION_ID};

    /** @param principal the authenticated principal, or {@code anonymous} */
    public Map<String, String> asMetadata(String principal) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(PRINCIPAL, principal);
        metadata.put(CLAIMED_BY, claimedBy);
        metadata.put(API, api);
        metadata.put(SOURCE_ADDRESS, sourceAddress);
        metadata.put(USER_AGENT, userAgent);
        metadata.put(REQUEST_ID, requestId);
        metadata.put(CORRELATION_ID, correlationId);
        metadata.values().removeIf(value -> value == null);
        return metadata;
    }
}
