package io.tagledger.api.admin;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /actuator/health} is DOWN while a view fails on the events given to it (their commands fail),
 * and OUT_OF_SERVICE while one is being rebuilt (its queries answer 503 meanwhile); both take the node
 * out of readiness.
 */
@Component("projectionsHealthIndicator")
class ProjectionsHealth implements HealthIndicator {

    private final ProjectionFailures failures;
    private final Projections projections;

    ProjectionsHealth(ProjectionFailures failures, Projections projections) {
        this.failures = failures;
        this.projections = projections;
    }

    @Override
    public Health health() {
        Map<String, Object> failing = new LinkedHashMap<>();
        for (String group : projections.names()) {
            failures.of(group).ifPresent(failure -> failing.put(group, failure));
        }
        if (!failing.isEmpty()) {
            return Health.down().withDetails(failing).build();
        }
        Map<String, Object> rebuilding = new LinkedHashMap<>();
        for (String group : projections.names()) {
            if (!projections.isLive(group)) {
                rebuilding.put(group, projections.status(group));
            }
        }
        return rebuilding.isEmpty() ? Health.up().build() : Health.outOfService().withDetails(rebuilding).build();
    }
}
