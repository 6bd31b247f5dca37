package io.tagledger.api;

import io.tagledger.api.admin.Projections;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.api.FindAuditTrail;
import io.tagledger.query.api.FindRepository;
import io.tagledger.query.api.FindRepositoryAsOf;
import io.tagledger.query.api.FindTagHistory;
import io.tagledger.query.api.ListRepositoryEvents;
import io.tagledger.query.api.RepositoryAsOf;
import io.tagledger.query.api.RepositorySummary;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Sends one query on the query bus and waits for its answer; shared by every API. A query on a
 * projection that is being rebuilt is refused ({@link io.tagledger.api.admin.ViewsRebuildingException}).
 */
@Component
public class RegistryQueries {

    private final QueryGateway queryGateway;
    private final Projections projections;

    RegistryQueries(QueryGateway queryGateway, Projections projections) {
        this.queryGateway = queryGateway;
        this.projections = projections;
    }

    public <R> R ask(Object query, Class<R> responseType) {
        requireLive(query);
        return queryGateway.query(query, ResponseTypes.instanceOf(responseType)).join();
    }

    public <R> Optional<R> find(Object query, Class<R> responseType) {
        requireLive(query);
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

    /** Queries answered from the event store itself need no projection; every other one needs its own. */
    private void requireLive(Object query) {
        if (query instanceof FindAuditTrail) {
            projections.requireLive(ProcessingGroups.AUDIT_TRAIL);
        } else if (query instanceof FindTagHistory) {
            projections.requireLive(ProcessingGroups.TAG_HISTORY);
        } else if (!(query instanceof FindRepositoryAsOf || query instanceof ListRepositoryEvents)) {
            projections.requireLive(ProcessingGroups.REGISTRY_VIEWS);
        }
    }
}
