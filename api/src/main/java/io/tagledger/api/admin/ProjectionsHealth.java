package io.tagledger.api.admin;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/health} is DOWN while a view fails on the events given to it (their commands fail),
 * which takes the node out of readiness. A view being rebuilt keeps answering: the health is UP, and
 * names the views this node is rebuilding. It asks nothing of the database, whose own health says
 * whether it can be reached.
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
        List<String> rebuilding = projections.names().stream().filter(projections::isRebuildingHere).toList();
        return rebuilding.isEmpty() ? Health.up().build() : Health.up().withDetail("rebuilding", rebuilding).build();
    }
}
