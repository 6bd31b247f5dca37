package io.tagledger.api;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus} after a scripted workload, and the probes. Spring's tests turn metrics
 * export off unless asked, hence a context of its own with it on, as the service runs.
 */
@AutoConfigureObservability
class MetricsTest extends ApiTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        // A database of its own: the ledger writer's counters and the views' gauges count this test's writes alone.
        useOwnDatabase(registry);
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");

    /** Every sample of the scrape, by name with its labels as Prometheus prints them. */
    private Map<String, Double> scrape() {
        Response response = get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.text().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
            }
        }
        return samples;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertThat(after).as(sample).containsKey(sample);
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }

    @Test
    void aWorkloadShowsInTheCounters() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        Map<String, Double> before = scrape();

        for (int i = 0; i < 3; i++) {
            assertThat(push(name, "v" + i, manifest(name + i)).status()).isEqualTo(201);
        }
        assertThat(push(name, "v0", manifest("other")).status()).isEqualTo(409);
        assertThat(push(name, "v1", manifest(name + 1)).status()).isEqualTo(409);
        Map<String, Double> after = scrape();

        String accepted = "{api=\"rest\",code=\"none\",command=\"PushImage\",outcome=\"accepted\"}";
        assertThat(delta(before, after, "tagledger_commands_seconds_count" + accepted)).isEqualTo(3);
        assertThat(after.get("tagledger_commands_seconds_sum" + accepted)).isPositive();
        assertThat(delta(before, after, "tagledger_refusals_total{api=\"rest\",code=\"ImageTagAlreadyExistsException\"}")).isEqualTo(1);
        assertThat(delta(before, after, "tagledger_refusals_total{api=\"rest\",code=\"ImageAlreadyExistsException\"}")).isEqualTo(1);
        assertThat(delta(before, after, "tagledger_commands_seconds_count{api=\"rest\",code=\"ImageTagAlreadyExistsException\","
                + "command=\"PushImage\",outcome=\"refused\"}")).isEqualTo(1);
        // Three pushes and two refusals recorded, each written by the ledger writer and flushed before its answer.
        assertThat(delta(before, after, "tagledger_ledger_batch_writes_sum")).isEqualTo(5);
        assertThat(delta(before, after, "tagledger_ledger_sync_seconds_count")).isBetween(1.0, 5.0);

        for (String projection : new String[] {"registry-views", "audit-trail", "history"}) {
            String label = "{projection=\"" + projection + "\"}";
            assertThat(after).containsKeys("tagledger_projection_lag_events" + label, "tagledger_projection_replay_events_per_second" + label);
            assertThat(after.get("tagledger_projection_live" + label)).isEqualTo(1);
            assertThat(after.get("tagledger_projection_failing" + label)).isZero();
        }
        if (!TestDatabases.postgres()) {
            assertThat(after.get("tagledger_storage_file_bytes")).isPositive();
            assertThat(after.get("tagledger_storage_live_ratio")).isBetween(0.0, 1.0);
        }
    }

    @Test
    void theProbesAnswer() {
        assertThat(get("/actuator/health/liveness").json().get("status").asText()).isEqualTo("UP");
        Response readiness = get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.text()).isEqualTo(200);
        assertThat(readiness.json().at("/components/projections/status").asText()).isEqualTo("UP");
        assertThat(readiness.json().at("/components/storage/status").asText()).isEqualTo("UP");
    }
}
