package io.tagledger.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.assertj.core.api.Assertions.assertThat;

/** Tamper evidence: a stored event changed behind the service's back is named by verification. */
class HashChainTest extends ApiTest {

    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
            + "payload_type, payload_revision, payload, meta_data";

    /** What each test changed, undone after it: the other tests of this context read the whole ledger (its transparency log). */
    private final Deque<Runnable> undo = new ArrayDeque<>();

    @AfterEach
    void restoreTheLedger() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    private String repositoryWithHistory() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        for (int i = 0; i < 5; i++) {
            push(name, "v" + i, manifest(name + i));
        }
        return name;
    }

    private void tamper(String name, long sequence, String column, String from, String to) {
        byte[] stored = jdbc.queryForObject("select " + column + " from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = ?", byte[].class, name, sequence);
        String text = new String(stored, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        undo.push(() -> jdbc.update("update domain_event_entry set " + column + " = ? where aggregate_identifier = ? and sequence_number = ?",
                stored, name, sequence));
        int updated = jdbc.update("update domain_event_entry set " + column + " = ? where aggregate_identifier = ? "
                + "and sequence_number = ?", text.replace(from, to).getBytes(StandardCharsets.UTF_8), name, sequence);
        assertThat(updated).isEqualTo(1);
    }

    @Test
    void anUntouchedHistoryVerifies() {
        String name = repositoryWithHistory();

        Response verification = get("/repositories/" + name + "/-/audit/verify");

        assertThat(verification.json().get("verified").asBoolean()).isTrue();
        assertThat(verification.json().get("events").asInt()).isEqualTo(6);
        assertThat(verification.json().has("brokenAt")).isFalse();
    }

    @Test
    void aChangedPayloadIsNamedByItsSequenceNumber() {
        String name = repositoryWithHistory();
        tamper(name, 3, "payload", "\"tag\":\"v2\"", "\"tag\":\"v9\"");

        Response verification = get("/repositories/" + name + "/-/audit/verify");

        assertThat(verification.json().get("verified").asBoolean()).isFalse();
        assertThat(verification.json().get("brokenAt").asLong()).isEqualTo(3);
    }

    @Test
    void aChangedPrincipalIsNamedToo() {
        String name = repositoryWithHistory();
        tamper(name, 1, "meta_data", "\"principal\":\"anonymous\"", "\"principal\":\"someone-else\"");

        assertThat(get("/repositories/" + name + "/-/audit/verify").json().get("brokenAt").asLong()).isEqualTo(1);
    }

    @Test
    void aRemovedEventBreaksTheChainWhereItWas() {
        String name = repositoryWithHistory();
        Object[] removed = jdbc.queryForObject("select " + COLUMNS + " from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = 2", (row, n) -> new Object[] {row.getLong(1), row.getString(2), row.getString(3), row.getLong(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getBytes(9), row.getBytes(10)}, name);
        undo.push(() -> jdbc.update("insert into domain_event_entry (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", removed));
        assertThat(jdbc.update("delete from domain_event_entry where aggregate_identifier = ? and sequence_number = 2", name)).isEqualTo(1);

        assertThat(get("/repositories/" + name + "/-/audit/verify").json().get("brokenAt").asLong()).isEqualTo(2);
    }

    @Test
    void laterEventsExtendTheChain() {
        String name = repositoryWithHistory();
        assertThat(get("/repositories/" + name + "/-/audit/verify").json().get("verified").asBoolean()).isTrue();
        push(name, "later", manifest(name + "later"));

        assertThat(get("/repositories/" + name + "/-/audit/verify").json().get("verified").asBoolean()).isTrue();
        assertThat(get("/repositories/never/existed/-/audit/verify").status()).isEqualTo(404);
    }
}
