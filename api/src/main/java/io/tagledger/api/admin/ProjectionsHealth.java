package io.tagledger.api.admin;

import io.tagledger.query.ProcessingGroups;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /actuator/health} is not UP while a projection is stuck on an event. */
@Component("projectionsHealthIndicator")
class ProjectionsHealth implements HealthIndicator {

    private final ProjectionFailures failures;

    ProjectionsHealth(ProjectionFailures failures) {
        this.failures = failures;
    }

    @Override
    public Health health() {
        Map<String, Object> failing = new LinkedHashMap<>();
        for (String group : ProcessingGroups.ALL) {
            failures.of(group).ifPresent(failure -> failing.put(group, failure));
        }
        return failing.isEmpty() ? Health.up().build() : Health.down().withDetails(failing).build();
    }
}
