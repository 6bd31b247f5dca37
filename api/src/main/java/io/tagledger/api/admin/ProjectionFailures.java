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
 * Which views failed on the last events given to them, and why: the commands of those events failed
 * with nothing stored. The failure is shown to operators ({@code /admin/projections},
 * {@code /actuator/health}) until the view applies events again.
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

    private void record(String processingGroup, EventMessage<?> event, Throwable error) {
        failures.compute(processingGroup, (group, known) -> {
            boolean same = known != null && known.eventId().equals(event.getIdentifier());
            Failure failure = new Failure(event.getIdentifier(), event.getPayloadType().getSimpleName(),
                    event instanceof DomainEventMessage<?> domain && domain.getType() != null ? domain.getAggregateIdentifier() : null,
                    event instanceof DomainEventMessage<?> domain && domain.getType() != null ? domain.getSequenceNumber() : null,
                    describe(error), same ? known.since() : Instant.now(), same ? known.attempts() + 1 : 1);
            if (failure.attempts() == 1) {
                log.error("The {} view failed on event {} ({}) of {}; its write fails with nothing stored",
                        group, failure.eventId(), failure.eventType(), failure.repository(), error);
            } else {
                log.warn("The {} view failed again on event {} (attempt {}): {}", group, failure.eventId(),
                        failure.attempts(), failure.error());
            }
            return failure;
        });
    }

    /**
     * The view's handlers failed on the events given to it, which roll back with their write: the first
     * is named (the writer retries a failed batch write by write, so it is that write's own first event).
     */
    void recordBatch(String processingGroup, List<? extends EventMessage<?>> batch, Throwable error) {
        if (!batch.isEmpty()) {
            record(processingGroup, batch.get(0), error);
        }
    }

    /** The view applied events again: whatever it failed on last is behind it. */
    void applied(String processingGroup) {
        Failure known = failures.remove(processingGroup);
        if (known != null) {
            log.info("The {} projection applies events again, after failing on event {} ({} attempts)", processingGroup,
                    known.eventId(), known.attempts());
        }
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
