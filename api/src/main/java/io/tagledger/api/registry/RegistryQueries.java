package io.tagledger.api.registry;

import io.tagledger.api.consistency.ProjectionGate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Sends one query on the query bus and waits for its answer; shared by every API. A query on a view
 * reads it before or after a rebuild swaps its tables, never during ({@link ProjectionGate}).
 */
@Component
public class RegistryQueries {

    private final QueryGateway queryGateway;
    private final ProjectionGate gate;

    RegistryQueries(QueryGateway queryGateway, ProjectionGate gate) {
        this.queryGateway = queryGateway;
        this.gate = gate;
    }

    public <R> R ask(Object query, Class<R> responseType) {
        return gate.reading(query, () -> queryGateway.query(query, ResponseTypes.instanceOf(responseType)).join());
    }

    public <R> Optional<R> find(Object query, Class<R> responseType) {
        return gate.reading(query, () -> queryGateway.query(query, ResponseTypes.optionalInstanceOf(responseType)).join());
    }
}
