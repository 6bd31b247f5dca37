package io.tagledger.api.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The bytes the log commits to for one stored event: what the audit trail shows of it, as canonical JSON
 * (members sorted, no whitespace), read from the event store's row alone, so that the same row gives the same
 * bytes on every node and at every read, and a row changed afterwards gives other bytes.
 *
 * <p>It holds the event's identifier, type and revision, repository, sequence number, time, payload, and of
 * its metadata the principal, the name a caller claimed, the API and the repository's hash-chain link; not
 * the caller's address, user agent or request identifiers, which a public log should not publish. A text of
 * more than {@value #LONGEST_TEXT} bytes (a manifest, a policy) is replaced by its SHA-256, written
 * {@code sha256:<hex>}, which commits to it as well: an entry then fits a tile's entry bundle.
 */
public final class LogEntry {

    static final int LONGEST_TEXT = 4096;
    private static final Set<String> METADATA_SHOWN = Set.of("principal", "claimedBy", "api", "hash");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogEntry() {
    }

    /** The entry of one row of the event store: its columns as stored, the payload and metadata JSON bytes included. */
    public static byte[] of(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String timeStamp,
                            String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("event", eventIdentifier);
        entry.put("repository", aggregateIdentifier);
        entry.put("sequence", sequenceNumber);
        entry.put("time", timeStamp);
        entry.put("type", payloadType);
        entry.put("revision", payloadRevision);
        entry.set("payload", bounded(read(payload)));
        ObjectNode shown = JSON.createObjectNode();
        JsonNode metadata = read(metaData);
        METADATA_SHOWN.forEach(key -> {
            if (metadata.has(key)) {
                shown.set(key, metadata.get(key));
            }
        });
        entry.set("metadata", shown);
        byte[] bytes = canonical(entry).toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Tiles.MAX_ENTRY) {
            entry.put("payload", digest(read(payload).toString()));
            bytes = canonical(entry).toString().getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    private static JsonNode read(byte[] json) {
        if (json == null || json.length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException unreadable) {
            // Not JSON: the bytes themselves are committed to, by their digest.
            return TextNode.valueOf(digest(json));
        }
    }

    private static JsonNode bounded(JsonNode node) {
        if (node.isTextual() && node.asText().getBytes(StandardCharsets.UTF_8).length > LONGEST_TEXT) {
            return TextNode.valueOf(digest(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            object.fields().forEachRemaining(field -> copy.set(field.getKey(), bounded(field.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(element -> copy.add(bounded(element)));
            return copy;
        }
        return node;
    }

    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode sorted = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> sorted.set(name, canonical(object.get(name))));
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }

    static String digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** An entry's JSON, for readers (the monitor). */
    public static JsonNode parse(byte[] entry) {
        try {
            return JSON.readTree(entry);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a log entry", e);
        }
    }
}
