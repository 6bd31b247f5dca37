package io.tagledger.api.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.domain.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * Recovers from a storage failure by itself. When the disk fills up, a commit cannot be written, the
 * write fails (it is not acknowledged), and the embedded H2 database closes itself: from then on every
 * pooled connection answers "database closed", reads included. This probes the database every
 * {@code tagledger.storage.recovery-interval}; while it fails, {@code /actuator/health} is DOWN, each API
 * answers 503 with Retry-After, and the pool's connections are dropped, so that the next one opens the
 * file again. H2 reopens it at its last complete commit: every acknowledged write is there.
 */
@Component("storageHealthIndicator")
public class StorageRecovery extends PeriodicTask implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StorageRecovery.class);

    private record Outage(String error, Instant since) {
    }

    /** Probes without a storage failure before an outage is over: H2 reopens for reads before a write can succeed. */
    private static final int QUIET_PROBES = 5;

    private final DataSource dataSource;
    private final long intervalMillis;
    private volatile Outage outage;
    private volatile Instant lastFailure = Instant.EPOCH;

    StorageRecovery(DataSource dataSource, TagledgerProperties properties) {
        super("storage-recovery", properties.storage().recoveryInterval());
        this.dataSource = dataSource;
        this.intervalMillis = properties.storage().recoveryInterval().toMillis();
    }

    @Override
    public Health health() {
        Outage current = outage;
        return current == null ? Health.up().build()
                : Health.down().withDetail("error", current.error()).withDetail("since", current.since().toString()).build();
    }

    /**
     * Probes the database and, when it has failed, starts over with fresh connections. Only the
     * scheduler calls it; it holds no lock while it waits for a connection, which can take the pool's
     * whole timeout during an outage, so that requests reporting failures never queue behind it.
     */
    void probe() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select 1");
            if (outage != null) {
                recovered();
            }
        } catch (SQLException | RuntimeException e) {
            if (!StorageFailures.isStorageFailure(e)) {
                // A busy pool or a slow query says nothing about the storage.
                log.warn("Probing the storage did not answer: {}", e.toString());
                return;
            }
            failed(e);
        }
    }

    /** Ends the outage once no failure has come for a while; checked under the lock a failure takes too. */
    private synchronized void recovered() {
        if (outage != null && Instant.now().isAfter(lastFailure.plusMillis(QUIET_PROBES * intervalMillis))) {
            log.warn("The storage is back after failing since {}: {}", outage.since(), outage.error());
            outage = null;
        }
    }

    private synchronized void failed(Throwable e) {
        lastFailure = Instant.now();
        if (outage == null) {
            outage = new Outage(describe(e), lastFailure);
            log.error("The storage failed; writes and reads answer 503 until it is back", e);
        }
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /** A request failed on the storage: the outage starts now, and the pool starts over. */
    public void reportFailure(Throwable failure) {
        if (StorageFailures.isStorageFailure(failure)) {
            failed(failure);
        }
    }

    /**
     * What every API answers a request that failed on the storage, or that had no database in time (503,
     * with Retry-After); a failure of the storage itself starts an outage. Empty for any other failure.
     */
    public Optional<RegistryException> unavailability(Throwable failure) {
        if (StorageFailures.isStorageFailure(failure)) {
            failed(failure);
            return Optional.of(StorageFailures.unavailable());
        }
        return StorageFailures.isTransient(failure) ? Optional.of(StorageFailures.unavailable()) : Optional.empty();
    }

    @Override
    protected void runOnce() {
        probe();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
