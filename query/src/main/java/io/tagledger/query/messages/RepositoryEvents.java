package io.tagledger.query.messages;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** @param nextAfter the sequence number to continue after, or {@code null} when this is the last page */
public record RepositoryEvents(List<Event> items, Long nextAfter) {

    /** One event; {@code payload} without the manifest body. */
    public record Event(long sequenceNumber, String type, Instant timestamp, Map<String, Object> metadata, JsonNode payload) {
    }
}
