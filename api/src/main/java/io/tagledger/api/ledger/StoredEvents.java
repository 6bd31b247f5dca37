package io.tagledger.api.ledger;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The event store read in global order, in large pages of plain rows, each event deserialized and
 * upcast as Axon reads it: what a rebuild streams. A {@link Cursor} remembers where it is, and the
 * global indexes it passed that were not committed yet (a batch of another node still running, or one
 * rolled back), so that an event that fills such a gap later is read too.
 */
@Component
public class StoredEvents {

    private static final String COLUMNS = "select global_index, type, aggregate_identifier, sequence_number, event_identifier, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data from domain_event_entry ";

    private final JdbcTemplate jdbc;
    private final LedgerStorageEngine engine;

    StoredEvents(DataSource dataSource, LedgerStorageEngine engine) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.engine = engine;
    }

    /** One stored event, at its global index. */
    public record Stored(long position, EventMessage<?> message) {
    }

    /** The global index of the newest event stored, 0 when there is none. */
    public long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** Reads from the first event on. */
    public Cursor cursor() {
        return new Cursor();
    }

    /** A reader's place in the store: its position, and the gaps it passed. */
    public final class Cursor {

        private long position;
        private final NavigableSet<Long> gaps = new TreeSet<>();

        /** The next events after the position, at most {@code limit}, in global order; moves the position past them. */
        public List<Stored> next(int limit) {
            List<Stored> events = read(COLUMNS + "where global_index > ? order by global_index limit ?", position, limit);
            for (Stored event : events) {
                for (long missing = position + 1; missing < event.position(); missing++) {
                    gaps.add(missing);
                }
                position = event.position();
            }
            return events;
        }

        /** The events committed since in the gaps passed; those gaps are closed. */
        public List<Stored> filledGaps() {
            List<Stored> filled = new ArrayList<>();
            List<Long> all = List.copyOf(gaps);
            for (int from = 0; from < all.size(); from += 500) {
                List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
                String in = chunk.stream().map(String::valueOf).collect(Collectors.joining(","));
                filled.addAll(read(COLUMNS + "where global_index in (" + in + ") order by global_index"));
            }
            filled.forEach(event -> gaps.remove(event.position()));
            return filled;
        }

        public long position() {
            return position;
        }
    }

    private List<Stored> read(String sql, Object... arguments) {
        List<TrackedEventData<byte[]>> rows = jdbc.query(sql, (row, i) -> new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(row.getLong(1)),
                new GenericDomainEventEntry<>(row.getString(2), row.getString(3), row.getLong(4), row.getString(5), row.getString(6),
                        row.getString(7), row.getString(8), row.getBytes(9), row.getBytes(10))), arguments);
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), engine.getEventSerializer(), engine.upcasters())
                .map(StoredEvents::stored)
                .toList();
    }

    private static Stored stored(TrackedEventMessage<?> message) {
        return new Stored(message.trackingToken().position().orElseThrow(), message);
    }
}
