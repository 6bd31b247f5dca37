package io.tagledger.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.event.CommandRefused;
import io.tagledger.query.messages.AuditPage;
import io.tagledger.query.messages.AuditRecord;
import io.tagledger.query.messages.FindAuditTrail;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import java.util.List;
import java.util.Map;

import static io.tagledger.query.Events.REPOSITORY;
import static io.tagledger.query.Events.created;
import static io.tagledger.query.Events.pushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The audit trail in a real H2 database: one entry per stored event, at the event's own global
 * index, whatever order the events arrive in, and never two.
 */
@JdbcTest
@Import({EventPositions.class, AuditQueries.class, AuditTrailProjectionTest.Json.class})
class AuditTrailProjectionTest {

    /** The service's own mapper comes with Spring Web, which this module has not got. */
    static class Json {
        @Bean
        ObjectMapper objectMapper() {
            return new ObjectMapper().findAndRegisterModules();
        }
    }

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private EventPositions positions;
    @Autowired
    private AuditQueries queries;

    private AuditTrailProjection projection;

    @BeforeEach
    void keepTheTrail() {
        projection = new AuditTrailProjection(dataSource, new EventPayloads(new ObjectMapper()), positions);
    }

    /** Stores the event as the event store does, and answers it as a processor delivers it. */
    private DomainEventMessage<?> stored(String aggregateType, String aggregate, long sequence, Object payload, String principal) {
        DomainEventMessage<?> event = new GenericDomainEventMessage<>(aggregateType, aggregate, sequence, payload,
                MetaData.from(Map.of("principal", principal, "api", "rest")));
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        jdbc.update("""
                        insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload, meta_data)
                        values (next value for domain_event_entry_seq, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.getIdentifier(), event.getAggregateIdentifier(), event.getSequenceNumber(), event.getType(),
                event.getTimestamp().toString(), event.getPayloadType().getName(),
                serializer.serialize(event.getPayload(), byte[].class).getData(),
                serializer.serialize(event.getMetaData(), byte[].class).getData());
        return event;
    }

    private long globalIndexOf(DomainEventMessage<?> event) {
        return positions.of(event.getIdentifier());
    }

    private List<AuditRecord> trail() {
        AuditPage page = queries.handle(new FindAuditTrail(null, null, null, null, null, null, false, 100, null));
        return page.items();
    }

    @Test
    void eachEventIsOneEntryAtItsOwnPositionEvenWhenDeliveredOutOfOrder() {
        DomainEventMessage<?> first = stored("ImageRepository", REPOSITORY, 0, created(TagMutabilityMode.MUTABLE), "alice");
        DomainEventMessage<?> second = stored("ImageRepository", REPOSITORY, 1, pushed('a', "v1", null), "bob");
        DomainEventMessage<?> third = stored("ImageRepository", REPOSITORY, 2, pushed('b', "v2", null), "carol");

        // The second event's transaction committed last: it reaches the projection after the third.
        projection.on(first.getPayload(), first);
        projection.on(third.getPayload(), third);
        projection.on(second.getPayload(), second);

        assertThat(trail()).extracting(AuditRecord::position, AuditRecord::sequenceNumber, AuditRecord::principal).containsExactly(
                tuple(globalIndexOf(first), 0L, "alice"),
                tuple(globalIndexOf(second), 1L, "bob"),
                tuple(globalIndexOf(third), 2L, "carol"));
    }

    /** Each event is applied once, in the transaction that stores it: applying it again is an error, never a second entry. */
    @Test
    void anEventAppliedAgainIsRefusedByItsPosition() {
        DomainEventMessage<?> pushedEvent = stored("ImageRepository", REPOSITORY, 0, pushed('a', "v1", null), "bob");
        projection.on(pushedEvent.getPayload(), pushedEvent);
        assertThatThrownBy(() -> projection.on(pushedEvent.getPayload(), pushedEvent)).isInstanceOf(DuplicateKeyException.class);
        assertThat(trail()).hasSize(1);
    }

    @Test
    void aRefusalIsRecordedAsRefusedWithItsCodeAndNoSequenceNumber() {
        CommandRefused refusal = new CommandRefused(REPOSITORY, "PushImage", "ImageTagAlreadyExistsException", "no", "v1", null);
        DomainEventMessage<?> refused = stored(null, "refusal-1", 0, refusal, "mallory");
        projection.on(refusal, refused);

        assertThat(trail()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo("refused");
            assertThat(entry.errorCode()).isEqualTo("ImageTagAlreadyExistsException");
            assertThat(entry.repository()).isEqualTo(REPOSITORY);
            assertThat(entry.sequenceNumber()).isNull();
            assertThat(entry.position()).isEqualTo(globalIndexOf(refused));
        });
    }
}
