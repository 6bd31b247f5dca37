package io.tagledger.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;

/**
 * The query module's tests run its projections over the JPA slice on a real H2 database, without
 * Axon's processors: each test hands events to a projection and reads the view it keeps. Axon's event
 * entries are scanned too, since the audit trail reads each event's own position from the store.
 */
@SpringBootApplication
@EntityScan(basePackages = {"io.tagledger.query", "org.axonframework.eventsourcing.eventstore.jpa"})
public class QueryTestApplication {
}
