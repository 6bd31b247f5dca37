package io.tagledger.query.audit;

import io.tagledger.domain.event.Refused;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.RebuildableView;
import io.tagledger.query.Rows;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.List;

/**
 * Keeps the audit trail: every event, accepted or refused, in the order of the event stream, keyed by
 * the event's own global index (see {@link EventPositions}). One plain insert per event, in the
 * transaction that stores the event; a rebuild writes the same rows in batches.
 */
@Component
@ProcessingGroup(ProcessingGroups.AUDIT_TRAIL)
class AuditTrailProjection implements RebuildableView {

    private static final String TABLE = "audit_trail";
    private static final String INSERT = "insert into %s (position, repository_name, sequence_number, type, outcome, "
            + "error_code, timestamp, principal, claimed_by, api, source_address, user_agent, request_id, correlation_id, payload) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final EventPayloads payloads;
    private final EventPositions positions;

    AuditTrailProjection(DataSource dataSource, EventPayloads payloads, EventPositions positions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.payloads = payloads;
        this.positions = positions;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        if (isEntry(payload, message)) {
            jdbc.update(INSERT.formatted(TABLE), row(positions.of(message.getIdentifier()), payload, message));
        }
    }

    /** Accepted events of a repository, and refusals; nothing else is in the trail. */
    private static boolean isEntry(Object payload, EventMessage<?> message) {
        return payload instanceof Refused
                || message instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null;
    }

    private Object[] row(long position, Object payload, EventMessage<?> message) {
        boolean refused = payload instanceof Refused;
        String repository;
        Long sequence = null;
        if (payload instanceof Refused refusal) {
            repository = refusal.repositoryName();
        } else {
            DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) message;
            repository = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        MetaData metadata = message.getMetaData();
        return new Object[] {
                position,
                repository,
                sequence,
                payload.getClass().getSimpleName(),
                refused ? "refused" : "accepted",
                refused ? ((Refused) payload).errorCode() : null,
                Rows.timestamp(message.getTimestamp()),
                text(metadata, "principal", "anonymous"),
                text(metadata, "claimedBy", null),
                text(metadata, "api", null),
                text(metadata, "sourceAddress", null),
                text(metadata, "userAgent", null),
                text(metadata, "requestId", null),
                text(metadata, "correlationId", null),
                payloads.summarizeAsText(payload)};
    }

    private static String text(MetaData metadata, String key, String otherwise) {
        Object value = metadata.get(key);
        return value == null ? otherwise : value.toString();
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public Rebuild rebuildInto(JdbcTemplate fresh, String suffix) {
        Rows.Batch rows = new Rows.Batch(fresh, INSERT.formatted(TABLE + suffix));
        return new Rebuild() {

            @Override
            public void apply(long position, EventMessage<?> event) {
                if (isEntry(event.getPayload(), event)) {
                    rows.add(row(position, event.getPayload(), event));
                }
            }

            @Override
            public void flush() {
                rows.flush();
            }
        };
    }
}
