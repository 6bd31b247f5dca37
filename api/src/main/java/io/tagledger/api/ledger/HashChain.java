package io.tagledger.api.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.query.ReadsFrom;
import io.tagledger.query.messages.ChainVerification;
import io.tagledger.query.messages.VerifyChain;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Tamper evidence, on the write side: each repository's events form a hash chain. As an event is stored, its metadata
 * gets {@code hash}: SHA-256 over the previous event's hash and this event's type, sequence number,
 * timestamp, payload and metadata, in a canonical JSON form (keys sorted, no whitespace). Changing a
 * stored event, or removing one, breaks the chain from there on.
 */
@Component
public class HashChain implements SmartInitializingSingleton {

    public static final String HASH = "hash";

    /** Canonical form only: independent of Spring's ObjectMapper settings, so hashes never drift with them. */
    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private final EventStore eventStore;
    private final LedgerStorageEngine storage;
    /**
     * The last hash appended per repository, so that appending does not read the store: (sequence,
     * hash, and the append that stores it). A link whose append failed is not used; one still queued
     * is, by the commands decided on it, which fail if it does.
     */
    private final Map<String, Link> lastLinks = new ConcurrentHashMap<>();

    HashChain(EventStore eventStore, LedgerStorageEngine storage) {
        this.eventStore = eventStore;
        this.storage = storage;
    }

    @Override
    public void afterSingletonsInstantiated() {
        eventStore.registerDispatchInterceptor(this::chain);
    }

    /** Served on the query bus like every other read; it reads the event store, never a projection. */
    @QueryHandler
    @ReadsFrom(ReadsFrom.EVENT_STORE)
    public ChainVerification handle(VerifyChain query) {
        DomainEventStream events = eventStore.readEvents(query.repositoryName(), 0L);
        String previous = "";
        long count = 0;
        long expectedSequence = 0;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            count++;
            Object stored = event.getMetaData().get(HASH);
            if (event.getSequenceNumber() != expectedSequence || !(stored instanceof String storedHash)
                    || !storedHash.equals(hash(previous, event))) {
                return new ChainVerification(false, count, Math.min(event.getSequenceNumber(), expectedSequence));
            }
            previous = storedHash;
            expectedSequence++;
        }
        return new ChainVerification(true, count, null);
    }

    private BiFunction<Integer, EventMessage<?>, EventMessage<?>> chain(List<? extends EventMessage<?>> messages) {
        Map<Integer, String> hashes = new HashMap<>();
        Map<String, Link> inBatch = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof DomainEventMessage<?> event && event.getType() != null) {
                String repository = event.getAggregateIdentifier();
                String previous = previousHash(event, inBatch.get(repository));
                String hash = hash(previous, event);
                hashes.put(i, hash);
                inBatch.put(repository, new Link(event.getSequenceNumber(), hash, DURABLE));
            }
        }
        if (!inBatch.isEmpty() && CurrentUnitOfWork.isStarted()) {
            Map<String, Link> appended = new HashMap<>(inBatch);
            // After the commit, the repository's lock still held: its last append is this unit of work's.
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> appended.forEach((repository, link) ->
                    lastLinks.put(repository, new Link(link.sequence(), link.hash(),
                            storage.lastAppend(repository).orElse(DURABLE)))));
        }
        return (index, message) -> hashes.containsKey(index) ? message.andMetaData(Map.of(HASH, hashes.get(index))) : message;
    }

    private String previousHash(DomainEventMessage<?> event, Link inBatch) {
        long previousSequence = event.getSequenceNumber() - 1;
        if (previousSequence < 0) {
            return "";
        }
        if (inBatch != null && inBatch.sequence() == previousSequence) {
            return inBatch.hash();
        }
        Link last = lastLinks.get(event.getAggregateIdentifier());
        if (last != null && last.sequence() == previousSequence && !last.append().isCompletedExceptionally()) {
            return last.hash();
        }
        DomainEventStream stored = eventStore.readEvents(event.getAggregateIdentifier(), previousSequence);
        if (stored.hasNext()) {
            DomainEventMessage<?> previous = stored.next();
            if (previous.getSequenceNumber() == previousSequence && previous.getMetaData().get(HASH) instanceof String hash) {
                return hash;
            }
        }
        return "";
    }

    String hash(String previousHash, DomainEventMessage<?> event) {
        Map<String, Object> metadata = new TreeMap<>(event.getMetaData());
        metadata.remove(HASH);
        ObjectNode link = CANONICAL.createObjectNode();
        link.put("previous", previousHash);
        link.put("type", event.getPayloadType().getName());
        link.put("sequence", event.getSequenceNumber());
        link.put("timestamp", event.getTimestamp().toEpochMilli());
        link.set("payload", CANONICAL.valueToTree(event.getPayload()));
        link.set("metadata", CANONICAL.valueToTree(metadata));
        return sha256(canonical(link).toString());
    }

    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode sorted = CANONICAL.createObjectNode();
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> sorted.set(name, canonical(object.get(name))));
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = CANONICAL.createArrayNode();
            array.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static final CompletableFuture<Void> DURABLE = CompletableFuture.completedFuture(null);

    private record Link(long sequence, String hash, CompletableFuture<Void> append) {
    }
}
