package io.tagledger.query;

import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

/**
 * A view that can be rebuilt beside itself, while its tables keep answering: a rebuild folds the
 * event store, in global order, into fresh tables with the same columns as the view's own, which
 * then replace them all at once. The rebuild applies the fold the live handlers apply, holding what
 * it can in memory and writing in large batches. Every view's handler class implements it.
 */
public interface RebuildableView {

    /** The rows a rebuild may hold in memory, for any view. */
    int MEMORY_ROWS = 100_000;

    /** The tables the view keeps, which a rebuild replaces together. */
    List<String> tables();

    /**
     * Starts a rebuild into fresh tables: each of {@link #tables()} with the suffix appended, empty
     * and with the same columns, written through {@code jdbc}.
     */
    Rebuild rebuildInto(JdbcTemplate jdbc, String suffix);

    /** One rebuild under way. */
    interface Rebuild {

        /**
         * Folds one stored event into the fresh tables, or into memory until the next {@link #flush}.
         * Events come in global order, except that an event committed late (a gap filled) comes after
         * later ones of other repositories.
         *
         * @param position the event's global index in the event store
         */
        void apply(long position, EventMessage<?> event);

        /** Writes whatever memory holds into the fresh tables. */
        void flush();

        /**
         * Whether memory holds as much as the rebuild may keep there: it is then flushed, and every later
         * event written to the fresh tables as it comes, so that a rebuild's memory stays bounded.
         */
        default boolean memoryFull() {
            return false;
        }
    }

    /** A view's one fold, for its live table and a rebuild's alike: the event, with its time, into the table named. */
    @FunctionalInterface
    interface Fold {
        void apply(JdbcTemplate jdbc, String table, Object event, Instant at);
    }

    /** A rebuild of a small view, which writes each event through as it comes, into the fresh {@code table}. */
    static Rebuild writingThrough(JdbcTemplate fresh, String table, Fold fold) {
        return new Rebuild() {

            @Override
            public void apply(long position, EventMessage<?> event) {
                fold.apply(fresh, table, event.getPayload(), event.getTimestamp());
            }

            @Override
            public void flush() {
            }
        };
    }
}
