package io.tagledger.api.admin;

import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read side's processors, for operators: their state and progress, and replays that rebuild a
 * projection from the event store while the service runs. While a projection is rebuilt, queries on
 * it are refused with 503 and a Retry-After (never half the data).
 */
@Component
public class Projections {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ProjectionFailures failures;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    /** Present with several nodes; none on one node, which resets and replays at once. */
    private final ObjectProvider<ReplayCoordination> coordination;

    Projections(EventProcessingConfiguration processing, EventStore eventStore, ProjectionFailures failures,
                ObjectProvider<ReplayCoordination> coordination) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.failures = failures;
        this.coordination = coordination;
    }

    /**
     * A replay: from position 0 to the head of the store when it started. Its rate is measured until
     * it first reaches that head, not until the processor reports being caught up, which can lag.
     */
    private record Replay(Instant startedAt, long target, Instant reachedAt, boolean finished) {

        Replay observe(long position, boolean caughtUp) {
            Instant reached = reachedAt == null && position >= target ? Instant.now() : reachedAt;
            return new Replay(startedAt, target, reached, caughtUp && reached != null);
        }

        double eventsPerSecond(long position) {
            Instant end = reachedAt == null ? Instant.now() : reachedAt;
            long processed = reachedAt == null ? position : target;
            double seconds = Math.max(Duration.between(startedAt, end).toNanos() / 1e9, 1e-3);
            return Math.round(processed / seconds * 10) / 10.0;
        }
    }

    public boolean exists(String name) {
        return ProcessingGroups.ALL.contains(name);
    }

    /** Starts rebuilding the projection from the first event. */
    public void replay(String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw new IllegalStateException("The " + name + " projection cannot be replayed");
        }
        ReplayCoordination nodes = coordination.getIfAvailable();
        if (nodes != null) {
            nodes.request(name);
            return;
        }
        resetAndStart(name);
    }

    /** Stops the projection, resets every segment's token to the first event, and starts it again: the replay. */
    public void resetAndStart(String name) {
        StreamingEventProcessor processor = processor(name);
        replays.put(name, new Replay(Instant.now(), head(), null, false));
        processor.shutDown();
        try {
            processor.resetTokens();
        } finally {
            processor.start();
        }
    }

    /** Whether the projection serves complete data: not replaying, or caught up with its replay. */
    public boolean isLive(String name) {
        ReplayCoordination nodes = coordination.getIfAvailable();
        if (nodes != null && nodes.holdsBack(name)) {
            return false;
        }
        StreamingEventProcessor processor = processor(name);
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        // At the head of the store on every segment this node holds (a replay has then reprocessed everything).
        boolean caughtUp = !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
        Replay replay = replays.get(name);
        if (replay != null && !replay.finished()) {
            replay = replay.observe(position(status), caughtUp);
            replays.put(name, replay);
            if (!replay.finished()) {
                return false;
            }
        }
        // Axon calls a token a replay until an event past the reset point arrives; a replay that has
        // caught up with the head of the store serves complete data already, new events or not.
        return !processor.isReplaying() || caughtUp;
    }

    /** Whether the projection is stuck on an event that its handlers fail on. */
    public boolean isFailing(String name) {
        return failures.isFailing(name);
    }

    /** Refuses a query on a projection that is being rebuilt. */
    public void requireLive(String name) {
        if (!isLive(name)) {
            throw RegistryException.of(Refusal.VIEWS_REBUILDING, "projection", name,
                    "retryAfterSeconds", Long.toString(retryAfterSeconds(name)));
        }
    }

    public ProjectionStatus status(String name) {
        boolean live = isLive(name);
        long position = position(processor(name).processingStatus());
        long head = head();
        Replay replay = replays.get(name);
        double progress = head == 0 ? 100.0 : Math.min(100.0, Math.round(position * 1000.0 / head) / 10.0);
        ProjectionFailures.Failure failure = failures.of(name).orElse(null);
        String state = failure != null ? "failing" : live ? "live" : "replaying";
        return new ProjectionStatus(name, state, position, head, progress,
                replay == null ? null : replay.eventsPerSecond(position), failure);
    }

    private long retryAfterSeconds(String name) {
        ProjectionStatus status = status(name);
        if (status.eventsPerSecond() == null || status.eventsPerSecond() <= 0) {
            return 5;
        }
        long remaining = Math.max(0, status.head() - status.position());
        return Math.max(1, Math.min(60, (long) Math.ceil(remaining / status.eventsPerSecond())));
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private static long position(Map<Integer, EventTrackerStatus> status) {
        return status.values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(0))
                .min().orElse(0);
    }

    private StreamingEventProcessor processor(String name) {
        Optional<StreamingEventProcessor> processor = processing.eventProcessor(name, StreamingEventProcessor.class);
        return processor.orElseThrow(() -> new IllegalArgumentException("No projection " + name));
    }
}
