package io.tagledger.api.registry;

import io.tagledger.api.admin.Projections;
import io.tagledger.api.consistency.ProjectionGate;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.messages.FindRepository;
import io.tagledger.query.messages.FindRepositoryAsOf;
import io.tagledger.query.messages.RepositoryAsOf;
import io.tagledger.query.messages.RepositorySummary;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Sends one query on the query bus and waits for its answer; shared by every API. A query on a
 * projection that is being rebuilt is refused ({@link ProjectionGate}).
 */
@Component
public class RegistryQueries {

    private final QueryGateway queryGateway;
    private final Projections projections;
    private final ProjectionGate gate;

    RegistryQueries(QueryGateway queryGateway, Projections projections, ProjectionGate gate) {
        this.queryGateway = queryGateway;
        this.projections = projections;
        this.gate = gate;
    }

    public <R> R ask(Object query, Class<R> responseType) {
        gate.requireLive(query);
        return queryGateway.query(query, ResponseTypes.instanceOf(responseType)).join();
    }

    public <R> Optional<R> find(Object query, Class<R> responseType) {
        gate.requireLive(query);
        return queryGateway.query(query, ResponseTypes.optionalInstanceOf(responseType)).join();
    }

    /**
     * A repository as it is now, for the answer to a write: from the views, or, while they are being
     * rebuilt, from its event stream, so that a write never answers 503 after it has happened.
     */
    public Optional<RepositorySummary> repositoryNow(String name) {
        if (projections.isLive(ProcessingGroups.REGISTRY_VIEWS)) {
            return find(new FindRepository(name), RepositorySummary.class);
        }
        return find(new FindRepositoryAsOf(name, Instant.now()), RepositoryAsOf.class).map(RepositoryAsOf::repository);
    }
}
