package io.tagledger.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query module's tests run its projections over the JDBC slice on a real H2 database with the
 * schema Flyway migrates, without Axon's processors: each test hands events to a projection and reads
 * the view it keeps.
 */
@SpringBootApplication
public class QueryTestApplication {
}
