package io.tagledger.api.admin;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which projections are stuck on an event, and why. A failing handler stops its segment, which
 * retries the same event with a back-off until it succeeds; meanwhile the failure is shown to
 * operators ({@code /admin/projections}, {@code /actuator/health}), and it is cleared once a batch
 * holding that event has committed.
 */
@Component
public class ProjectionFailures {

    private static final Logger log = LoggerFactory.getLogger(ProjectionFailures.class);

    /**
     * @param eventId      the identifier of the event the projection cannot get past
     * @param eventType    its payload type
     * @param repository   the repository it belongs to, when it is a repository's event
     * @param sequence     its sequence number in that repository
     * @param error        what the handler or the commit failed with
     * @param since        the first failure on this event
     * @param attempts     how many times it has failed so far
     */
    public record Failure(String eventId, String eventType, String repository, Long sequence, String error, Instant since,
                          int attempts) {
    }

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    public Optional<Failure> of(String processingGroup) {
        return Optional.ofNullable(failures.get(processingGroup));
    }

    public boolean isFailing(String processingGroup) {
        return failures.containsKey(processingGroup);
    }

    /** A handler failed on this very event. */
    void record(String processingGroup, EventMessage<?> event, Throwable error) {
        failures.compute(processingGroup, (group, known) -> {
            boolean same = known != null && known.eventId().equals(event.getIdentifier());
            Failure failure = new Failure(event.getIdentifier(), event.getPayloadType().getSimpleName(),
                    event instanceof DomainEventMessage<?> domain && domain.getType() != null ? domain.getAggregateIdentifier() : null,
                    event instanceof DomainEventMessage<?> domain && domain.getType() != null ? domain.getSequenceNumber() : null,
                    describe(error), same ? known.since() : Instant.now(), same ? known.attempts() + 1 : 1);
            if (failure.attempts() == 1) {
                log.error("The {} projection failed on event {} ({}); it stops here and retries until the cause is fixed",
                        group, failure.eventId(), failure.eventType(), error);
            } else {
                log.warn("The {} projection failed again on event {} (attempt {}): {}", group, failure.eventId(),
                        failure.attempts(), failure.error());
            }
            return failure;
        });
    }

    /**
     * A batch was rolled back. Unless the failure is known for an event of the batch (a handler named
     * it), it happened as the batch committed: the first event of the batch is the one it cannot get past.
     */
    void recordBatch(String processingGroup, List<? extends EventMessage<?>> batch, Throwable error) {
        Failure known = failures.get(processingGroup);
        if (batch.isEmpty() || known != null && batch.stream().anyMatch(event -> event.getIdentifier().equals(known.eventId()))) {
            return;
        }
        record(processingGroup, batch.get(0), error);
    }

    /** The projection committed a batch holding this event: it has got past it. */
    void committed(String processingGroup, String eventId) {
        failures.computeIfPresent(processingGroup, (group, known) -> {
            if (!known.eventId().equals(eventId)) {
                return known;
            }
            log.info("The {} projection got past event {} after {} failed attempts", group, eventId, known.attempts());
            return null;
        });
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }
}
