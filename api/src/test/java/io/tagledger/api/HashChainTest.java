package io.tagledger.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Tamper evidence: a stored event changed behind the service's back is named by verification. */
class HashChainTest extends ApiTest {

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
        jdbc.update("delete from domain_event_entry where aggregate_identifier = ? and sequence_number = 2", name);

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
