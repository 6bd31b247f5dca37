package io.tagledger.api.ledger;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.axonframework.common.DateTimeUtils.formatInstant;

/**
 * Axon's event storage, with appends handed to the {@link LedgerWriter}: the events of a command are
 * serialized on the command's thread, queued, and its unit of work waits in its commit phase until the
 * batch holding them is committed and on stable storage. A failed batch throws there, which rolls the
 * unit of work back (and the aggregate's cached state with it). Reading (aggregates, snapshots, streams)
 * is Axon's JPA engine as it is.
 */
public class LedgerStorageEngine extends JpaEventStorageEngine {

    private final LedgerWriter writer;

    public LedgerStorageEngine(Builder builder, LedgerWriter writer) {
        super(builder);
        this.writer = writer;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            DomainEventData<?> row = (DomainEventData<?>) createEventEntity(event, serializer);
            stored.add(new StoredEvent(row.getEventIdentifier(), row.getAggregateIdentifier(), row.getSequenceNumber(),
                    row.getType(), formatInstant(row.getTimestamp()), row.getPayload().getType().getName(),
                    row.getPayload().getType().getRevision(), (byte[]) row.getPayload().getData(),
                    (byte[]) row.getMetaData().getData(), asStored(event, row.getTimestamp())));
        }
        CompletableFuture<Void> durable = writer.append(stored);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onCommit(unitOfWork -> await(durable, events));
        } else {
            await(durable, events);
        }
    }

    /**
     * The event as the views must see it: as it is stored, to the millisecond, so that a view kept now
     * and one rebuilt from the store later agree to the last digit.
     */
    private static EventMessage<?> asStored(EventMessage<?> event, Instant storedAt) {
        if (event instanceof DomainEventMessage<?> domain) {
            return new GenericDomainEventMessage<>(domain.getType(), domain.getAggregateIdentifier(), domain.getSequenceNumber(),
                    domain, storedAt);
        }
        return new GenericEventMessage<>(event, () -> storedAt);
    }

    private void await(CompletableFuture<Void> durable, List<? extends EventMessage<?>> events) {
        try {
            durable.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the ledger stored the events", e);
        } catch (ExecutionException | CompletionException e) {
            Exception cause = e.getCause() instanceof Exception exception ? exception : e;
            if (cause instanceof AppendConflict conflict) {
                // Axon's signal for a lost race to append, which the gateway retries on fresh state.
                throw new ConcurrencyException("The events of " + describe(firstDomainEvent(events)) + " lost a race to append", conflict);
            }
            handlePersistenceException(cause, firstDomainEvent(events));
        }
    }

    private static String describe(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain
                ? "repository " + domain.getAggregateIdentifier() + " at sequence " + domain.getSequenceNumber() : event.getIdentifier();
    }

    private static EventMessage<?> firstDomainEvent(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?>) {
                return event;
            }
        }
        return events.get(0);
    }
}
