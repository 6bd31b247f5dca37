package io.tagledger.api;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Sends one query on the query bus and waits for its answer; shared by every API. */
@Component
public class RegistryQueries {

    private final QueryGateway queryGateway;

    RegistryQueries(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    public <R> R ask(Object query, Class<R> responseType) {
        return queryGateway.query(query, ResponseTypes.instanceOf(responseType)).join();
    }

    public <R> Optional<R> find(Object query, Class<R> responseType) {
        return queryGateway.query(query, ResponseTypes.optionalInstanceOf(responseType)).join();
    }
}
