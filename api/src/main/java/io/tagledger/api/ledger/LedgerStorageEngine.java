package io.tagledger.api.ledger;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import static org.axonframework.common.DateTimeUtils.formatInstant;
import static org.axonframework.common.DateTimeUtils.parseInstant;
import static org.axonframework.eventhandling.EventUtils.asDomainEventMessage;

/**
 * Axon's event storage, with appends handed to the {@link LedgerWriter}: the events of a command are
 * serialized on the command's thread and queued.
 *
 * <p>Within a command that the {@link PipelinedCommandBus} handles, the append is only collected: the
 * unit of work commits at once, the repository's lock is released, and the next command of the same
 * repository decides on the state in memory while this one's batch is still being written. The bus
 * waits for the append before it answers. Anywhere else (a refusal recorded on its own), the unit of
 * work waits in its commit phase, and a failed batch rolls it back.
 *
 * <p>Reads of one repository's events (an aggregate loaded from the store, a snapshot, the last
 * sequence number) first wait for the appends still queued for that repository: the store is read
 * only once it holds everything this node has decided for it.
 */
public class LedgerStorageEngine extends JdbcEventStorageEngine {

    private static final ThreadLocal<List<Append>> COLLECTED = new ThreadLocal<>();

    private final LedgerWriter writer;
    /** Each repository's last append not yet answered; it completes after every earlier one of that repository. */
    private final Map<String, CompletableFuture<Void>> lastAppends = new ConcurrentHashMap<>();

    /** A command's events handed to the writer, and when they are on stable storage. */
    record Append(String aggregateIdentifier, CompletableFuture<Void> durable, List<? extends EventMessage<?>> events) {
    }

    public LedgerStorageEngine(Builder builder, LedgerWriter writer) {
        super(builder);
        this.writer = writer;
    }

    /** The upcasters every stored event passes through when it is read. */
    EventUpcaster upcasters() {
        return upcasterChain;
    }

    /** From now on this thread's appends are collected into the list rather than awaited; gives what was collecting before. */
    static List<Append> collectAppends(List<Append> into) {
        List<Append> before = COLLECTED.get();
        COLLECTED.set(into);
        return before;
    }

    static void restoreCollecting(List<Append> before) {
        if (before == null) {
            COLLECTED.remove();
        } else {
            COLLECTED.set(before);
        }
    }

    /** The repository's last append not yet on stable storage, if any. */
    Optional<CompletableFuture<Void>> lastAppend(String aggregateIdentifier) {
        return Optional.ofNullable(lastAppends.get(aggregateIdentifier));
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            // As Axon's engines store it: an event of no aggregate is its own, at sequence 0.
            DomainEventMessage<?> row = asDomainEventMessage(event);
            SerializedObject<byte[]> payload = row.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = row.serializeMetaData(serializer, byte[].class);
            String timestamp = formatInstant(row.getTimestamp());
            stored.add(new StoredEvent(row.getIdentifier(), row.getAggregateIdentifier(), row.getSequenceNumber(),
                    row.getType(), timestamp, payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                    metaData.getData(), asStored(event, parseInstant(timestamp))));
        }
        CompletableFuture<Void> durable = writer.append(stored, Fence.current());
        String aggregate = aggregateOf(events);
        if (aggregate != null) {
            lastAppends.put(aggregate, durable);
            durable.whenComplete((done, failure) -> lastAppends.remove(aggregate, durable));
        }
        List<Append> collecting = COLLECTED.get();
        if (collecting != null) {
            collecting.add(new Append(aggregate, durable, events));
        } else if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onCommit(unitOfWork -> await(new Append(aggregate, durable, events)));
        } else {
            await(new Append(aggregate, durable, events));
        }
    }

    private static String aggregateOf(List<? extends EventMessage<?>> events) {
        EventMessage<?> first = firstDomainEvent(events);
        return first instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        awaitQueued(aggregateIdentifier);
        return super.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        awaitQueued(aggregateIdentifier);
        return super.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        awaitQueued(aggregateIdentifier);
        return super.lastSequenceNumberFor(aggregateIdentifier);
    }

    /** Waits until the repository's queued appends are written or have failed: either way, the store then tells the truth. */
    private void awaitQueued(String aggregateIdentifier) {
        if (writer.isWriterThread()) {
            return; // the writer's own reads (a view that read the store) would wait for themselves
        }
        CompletableFuture<Void> last = aggregateIdentifier == null ? null : lastAppends.get(aggregateIdentifier);
        if (last != null) {
            try {
                last.exceptionally(failure -> null).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the ledger stored the events", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Cannot happen: failures are taken as done", e);
            }
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

    /**
     * Waits until the append is on stable storage. An append the store refused as another's (or one
     * built on a write that failed) throws Axon's {@link ConcurrencyException}, which the command's
     * sender retries on fresh state; any other failure is mapped as Axon maps a failed append.
     */
    void await(Append append) {
        List<? extends EventMessage<?>> events = append.events();
        try {
            append.durable().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the ledger stored the events", e);
        } catch (ExecutionException | CompletionException e) {
            Exception cause = e.getCause() instanceof Exception exception ? exception : e;
            if (cause instanceof OwnershipLost lost) {
                throw lost;
            }
            if (cause instanceof AppendConflict conflict) {
                // Axon's signal for a lost race to append, which the sender retries on fresh state.
                throw new ConcurrencyException("The events of " + describe(firstDomainEvent(events)) + " were not appended: "
                        + conflict.getMessage(), conflict);
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
