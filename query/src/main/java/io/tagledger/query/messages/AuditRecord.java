package io.tagledger.query.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One line of the audit trail; {@code payload} is the event's, without the manifest body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(long position, String repository, Long sequenceNumber, String type, String outcome, String errorCode,
                          Instant timestamp, String principal, String claimedBy, String api, String sourceAddress, String userAgent,
                          String requestId, String correlationId, JsonNode payload) {
}
