package io.tagledger.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * An event's own position in the global event stream: its global index in the event store.
 *
 * <p>A tracking token's {@code position()} is not that: it is the highest index the processor has
 * seen. When transactions commit out of order, an event that fills a gap arrives with a token whose
 * position belongs to a later event, so two events would share a position. Keying the trail by it
 * lost entries under concurrent writes.
 */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;

    EventPositions(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public long of(String eventIdentifier) {
        Long position = jdbc.queryForObject("select global_index from domain_event_entry where event_identifier = ?", Long.class,
                eventIdentifier);
        if (position == null) {
            throw new IllegalStateException("The event " + eventIdentifier + " is not in the event store");
        }
        return position;
    }
}
