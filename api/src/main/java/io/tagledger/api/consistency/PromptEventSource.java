package io.tagledger.api.consistency;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event store as a source for pooled streaming processors, with streams that say when events
 * arrive.
 *
 * <p>A pooled processor whose stream offers no availability callback polls every 500 ms when idle,
 * and the embedded JPA event store's streams offer none: every write then waited up to half a second
 * for its views. Here one watcher thread tails the store and wakes the processors as soon as a new
 * event can be read.
 */
public class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PromptEventSource.class);

    private final EventStore eventStore;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private volatile Thread watcher;

    public PromptEventSource(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new SignallingStream(eventStore.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return eventStore.createTokenSince(duration);
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::watch, "prompt-event-source");
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = watcher;
        watcher = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return watcher != null;
    }

    /** Starts before Axon's processors (which start in phase {@code Integer.MAX_VALUE / 2} and later) and stops after them. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void watch() {
        while (watcher == Thread.currentThread()) {
            try (BlockingStream<TrackedEventMessage<?>> tail = eventStore.openStream(eventStore.createHeadToken())) {
                while (watcher == Thread.currentThread()) {
                    if (tail.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        while (tail.hasNextAvailable()) {
                            tail.nextAvailable();
                        }
                        callbacks.forEach(Runnable::run);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Watching the event store failed; processors fall back to polling until it recovers", e);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class SignallingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        private SignallingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            if (this.callback != null) {
                callbacks.remove(this.callback);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public void close() {
            if (callback != null) {
                callbacks.remove(callback);
            }
            delegate.close();
        }
    }
}
