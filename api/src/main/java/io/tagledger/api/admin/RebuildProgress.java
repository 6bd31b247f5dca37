package io.tagledger.api.admin;

import io.tagledger.query.Rows;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each view's last rebuild, in the database that every node shares: one row per view, claimed by the
 * node that runs the rebuild, which reports its progress there at least every few seconds. Any node
 * answers a view's status from it, and a second rebuild of a view is not started while one runs. A
 * rebuild that stopped reporting (its node died) no longer counts as running.
 */
@Component
class RebuildProgress {

    /** A running rebuild that has not reported for this long has stopped. */
    static final Duration STALE = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String node;

    RebuildProgress(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.node = hostName() + "/" + UUID.randomUUID();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * A view's last rebuild as reported.
     *
     * @param state {@code requested} (by a migration), {@code running}, {@code done} or {@code failed}
     */
    record Row(String node, String state, long position, long head, Double eventsPerSecond, Instant updatedAt, String error) {

        boolean running() {
            return state.equals("running") && updatedAt.isAfter(Instant.now().minus(STALE));
        }
    }

    Optional<Row> of(String view) {
        List<Row> rows = jdbc.query("select node, state, position, head, events_per_second, updated_at, error from view_rebuild where view_name = ?",
                (row, i) -> new Row(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
                        row.getObject(5) == null ? null : row.getDouble(5), row.getObject(6, OffsetDateTime.class).toInstant(),
                        row.getString(7)), view);
        return rows.stream().findFirst();
    }

    /** The views whose rebuild a migration asked for (a view new to a store that already holds events). */
    List<String> requested() {
        return jdbc.queryForList("select view_name from view_rebuild where state = 'requested'", String.class);
    }

    /** Claims the view's rebuild for this node; false when another one is running it. */
    boolean claim(String view, long head) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                List<String> states = jdbc.queryForList("select state from view_rebuild where view_name = ? for update", String.class, view);
                if (states.isEmpty()) {
                    jdbc.update("insert into view_rebuild (view_name, node, state, position, head, started_at, updated_at) values (?, ?, 'running', 0, ?, ?, ?)",
                            view, node, head, now(), now());
                    return true;
                }
                if (of(view).map(Row::running).orElse(false)) {
                    return false;
                }
                jdbc.update("update view_rebuild set node = ?, state = 'running', position = 0, head = ?, events_per_second = null, "
                        + "started_at = ?, updated_at = ?, error = null where view_name = ?", node, head, now(), now(), view);
                return true;
            }));
        } catch (DuplicateKeyException anotherNodeClaimedItFirst) {
            return false;
        }
    }

    void report(String view, long position, long head, double eventsPerSecond) {
        jdbc.update("update view_rebuild set position = ?, head = ?, events_per_second = ?, updated_at = ? where view_name = ? and node = ?",
                position, head, eventsPerSecond, now(), view, node);
    }

    void done(String view, long position, double eventsPerSecond) {
        jdbc.update("update view_rebuild set state = 'done', position = ?, head = ?, events_per_second = ?, updated_at = ? where view_name = ? and node = ?",
                position, position, eventsPerSecond, now(), view, node);
    }

    void failed(String view, String error) {
        jdbc.update("update view_rebuild set state = 'failed', error = ?, updated_at = ? where view_name = ? and node = ?",
                error.length() > 1000 ? error.substring(0, 1000) : error, now(), view, node);
    }

    private static Object now() {
        return Rows.timestamp(Instant.now());
    }
}
