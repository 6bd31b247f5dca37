package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every projection compared with the event store, entry by entry: the audit trail with the stored
 * events, each repository's views and point-in-time reads with its event stream folded here, and every tag's
 * history with the pushes, untags and deletions in that stream. Read through the service's API, by
 * whichever node {@code reader} asks, and from the database directly.
 */
final class LedgerCheck {

    /** A GET of {@code path} with {@code accept}, answered 200; returns the body. */
    interface Reader {
        String get(String path, String accept);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Reader reader;
    private final JdbcTemplate jdbc;

    LedgerCheck(Reader reader, JdbcTemplate jdbc) {
        this.reader = reader;
        this.jdbc = jdbc;
    }

    void awaitProjectionsAtHead() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode projections = json("/admin/projections");
            for (JsonNode projection : projections) {
                assertThat(projection.get("state").asText()).as(projection.toString()).isEqualTo("live");
                assertThat(projection.get("position").asLong()).as(projection.toString())
                        .isGreaterThanOrEqualTo(projection.get("head").asLong());
            }
        });
    }

    /** Each stored event is one trail entry at its own global position, and each entry is one stored event. */
    void assertAuditTrailMatchesEventStore() {
        Map<Long, String> expected = new TreeMap<>();
        jdbc.query("select global_index, aggregate_identifier, sequence_number, type, payload_type from domain_event_entry",
                row -> {
                    expected.put(row.getLong("global_index"), described(row));
                });
        assertTrailIs(expected, "/audit?order=oldest");
    }

    /**
     * One repository's part of the trail, where other tests share the store (and may tamper with their own
     * events in it): each of its stored events is one entry, and each of its entries one stored event.
     */
    void assertAuditTrailMatchesEventStore(String repository) {
        Map<Long, String> expected = new TreeMap<>();
        jdbc.query("select global_index, aggregate_identifier, sequence_number, type, payload_type from domain_event_entry "
                + "where aggregate_identifier = ?", row -> {
            expected.put(row.getLong("global_index"), described(row));
        }, repository);
        String path = "/audit?order=oldest&repository=" + repository;
        for (String line : ndjson(path)) {
            JsonNode entry = parse(line);
            if (entry.get("outcome").asText().equals("refused")) {
                jdbc.query("select global_index, aggregate_identifier, sequence_number, type, payload_type from domain_event_entry "
                        + "where global_index = ?", row -> {
                    expected.put(row.getLong("global_index"), described(row));
                }, entry.get("position").asLong());
            }
        }
        assertTrailIs(expected, path);
    }

    private static String described(ResultSet row) throws SQLException {
        String payloadType = row.getString("payload_type");
        String simpleName = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        return row.getString("type") == null
                ? "refused " + simpleName
                : "accepted " + simpleName + " " + row.getString("aggregate_identifier") + "#" + row.getLong("sequence_number");
    }

    private void assertTrailIs(Map<Long, String> expected, String path) {
        Map<Long, String> trail = new TreeMap<>();
        for (String line : ndjson(path)) {
            JsonNode entry = parse(line);
            String described = entry.get("outcome").asText().equals("refused")
                    ? "refused " + entry.get("type").asText()
                    : "accepted " + entry.get("type").asText() + " " + entry.get("repository").asText() + "#" + entry.get("sequenceNumber").asLong();
            assertThat(trail.put(entry.get("position").asLong(), described)).as("position %s twice", entry.get("position")).isNull();
        }
        Map<Long, String> missing = new TreeMap<>(expected);
        missing.entrySet().removeAll(trail.entrySet());
        Map<Long, String> unexpected = new TreeMap<>(trail);
        unexpected.entrySet().removeAll(expected.entrySet());
        assertThat(missing).as("events missing from the audit trail, of %d", expected.size()).isEmpty();
        assertThat(unexpected).as("audit entries that are no stored event").isEmpty();
    }

    /**
     * The views as they are now, and the point-in-time reads now and at the instant of the stream's middle
     * event, against the repository's own event stream folded here: its tags, its images with their tags,
     * and its image count.
     */
    void assertViewsMatchEventStream(String repository) {
        List<JsonNode> events = repositoryEvents(repository);
        assertFoldedEquals(repository, events, null, "");
        String now = Instant.now().toString();
        assertFoldedEquals(repository, events, now, "asOf=" + now);
        if (!events.isEmpty()) {
            String middle = events.get(events.size() / 2).get("timestamp").asText();
            assertFoldedEquals(repository, events, middle, "asOf=" + middle);
        }
    }

    private void assertFoldedEquals(String repository, List<JsonNode> events, String at, String query) {
        boolean exists = false;
        Map<String, String> tags = new TreeMap<>();
        Map<String, List<String>> images = new TreeMap<>();
        for (JsonNode event : events) {
            if (at != null && Instant.parse(event.get("timestamp").asText()).isAfter(Instant.parse(at))) {
                break;
            }
            JsonNode payload = event.get("payload");
            switch (event.get("type").asText()) {
                case "RepositoryCreated" -> exists = true;
                case "RepositoryDeleted" -> {
                    exists = false;
                    tags.clear();
                    images.clear();
                }
                case "ImagePushed" -> {
                    images.putIfAbsent(payload.get("imageDigest").asText(), new ArrayList<>());
                    if (!payload.get("tag").isNull()) {
                        tags.put(payload.get("tag").asText(), payload.get("imageDigest").asText());
                    }
                }
                case "ImageUntagged" -> tags.remove(payload.get("tag").asText());
                case "ImageDeleted" -> {
                    images.remove(payload.get("imageDigest").asText());
                    payload.get("tags").forEach(tag -> tags.remove(tag.asText()));
                }
                default -> {
                }
            }
        }
        if (!exists) {
            return; // a repository that was not there is answered 404, which the reader takes as a failure
        }
        tags.forEach((tag, digest) -> images.get(digest).add(tag));
        String when = at == null ? "now" : "at " + at;
        String base = "/repositories/" + repository + "/-/";
        String separator = query.isEmpty() ? "" : "?";
        assertThat(allItems(base + "tags" + separator + query).stream().map(tag -> tag.get("tag").asText() + " " + tag.get("digest").asText()))
                .as("tags of %s %s", repository, when)
                .containsExactlyElementsOf(tags.entrySet().stream().map(tag -> tag.getKey() + " " + tag.getValue()).toList());
        assertThat(allItems(base + "images" + separator + query).stream().map(image -> image.get("digest").asText() + " " + image.get("tags")))
                .as("images of %s %s", repository, when)
                .containsExactlyElementsOf(images.entrySet().stream()
                        .map(image -> image.getKey() + " " + JSON.valueToTree(image.getValue().stream().sorted().toList())).toList());
        assertThat(json("/repositories/" + repository + separator + query).get("imageCount").asLong())
                .as("image count of %s %s", repository, when).isEqualTo(images.size());
    }

    private List<JsonNode> repositoryEvents(String repository) {
        List<JsonNode> events = new ArrayList<>();
        String after = "-1";
        while (after != null) {
            JsonNode page = json("/repositories/" + repository + "/-/events?limit=1000&after=" + after);
            page.get("items").forEach(events::add);
            after = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        }
        return events;
    }

    /** Every tag's periods against the pushes, untags and deletions in the repository's own events. */
    void assertTagHistoriesMatchEventStream(String repository) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, Integer> open = new HashMap<>();
        String after = "-1";
        while (after != null) {
            JsonNode page = json("/repositories/" + repository + "/-/events?limit=1000&after=" + after);
            for (JsonNode event : page.get("items")) {
                JsonNode payload = event.get("payload");
                switch (event.get("type").asText()) {
                    case "ImagePushed" -> {
                        if (!payload.get("tag").isNull()) {
                            String tag = payload.get("tag").asText();
                            end(expected, open, tag, "moved");
                            List<String> periods = expected.computeIfAbsent(tag, t -> new ArrayList<>());
                            periods.add(payload.get("imageDigest").asText() + " from " + event.get("timestamp").asText());
                            open.put(tag, periods.size() - 1);
                        }
                    }
                    case "ImageUntagged" -> end(expected, open, payload.get("tag").asText(), "untagged");
                    case "ImageDeleted" -> payload.get("tags").forEach(tag -> end(expected, open, tag.asText(), "deleted"));
                    default -> {
                    }
                }
            }
            after = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        }
        for (Map.Entry<String, List<String>> tag : expected.entrySet()) {
            List<String> actual = new ArrayList<>();
            for (JsonNode period : json("/repositories/" + repository + "/-/tags/" + tag.getKey() + "/history").get("periods")) {
                actual.add(period.get("digest").asText() + " from " + period.get("from").asText()
                        + (period.has("endedHow") ? " " + period.get("endedHow").asText() : ""));
            }
            assertThat(actual).as("history of " + repository + ":" + tag.getKey()).isEqualTo(tag.getValue());
        }
    }

    private static void end(Map<String, List<String>> periods, Map<String, Integer> open, String tag, String how) {
        Integer index = open.remove(tag);
        if (index != null) {
            List<String> list = periods.get(tag);
            list.set(index, list.get(index) + " " + how);
        }
    }

    private List<JsonNode> allItems(String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            String separator = path.contains("?") ? "&" : "?";
            JsonNode page = json(path + separator + "limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(items::add);
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    List<String> ndjson(String path) {
        return reader.get(path, "application/x-ndjson").lines().filter(line -> !line.isBlank()).toList();
    }

    private JsonNode json(String path) {
        return parse(reader.get(path, "application/json"));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
