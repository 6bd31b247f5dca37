package io.tagledger.api.ledger;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.common.Registration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.SubscribableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The views, kept inline: every processing group (a projection's {@code @ProcessingGroup}) is an Axon
 * subscribing processor whose source is the ledger writer, which hands it each batch's events inside
 * the batch's transaction. A view is registered by its handler class alone: its processing group
 * becomes a view here ({@link #names}), and one that cannot be reset for a rebuild stops the startup.
 *
 * <p>A rebuild resets the view and applies every stored event to it in global order, in the writer's
 * thread and in one transaction: queries keep reading the view as it was until the rebuilt one commits.
 */
@Component
public class InlineViews implements ConfigurerModule, SmartInitializingSingleton {

    /** Events applied between two flushes of a rebuild's persistence context. */
    private static final int REBUILD_CHUNK = 500;

    private final Map<String, ViewSource> sources = new ConcurrentHashMap<>();
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EntityManagerFactory> entityManagers;

    InlineViews(ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<EntityManagerFactory> entityManagers) {
        this.processing = processing;
        this.entityManagers = entityManagers;
    }

    /** A rebuild under way or done: how far it has got. */
    public static final class Rebuild {

        private final Instant startedAt = Instant.now();
        private final long target;
        private final AtomicLong applied = new AtomicLong();
        private volatile Instant finishedAt;

        Rebuild(long target) {
            this.target = target;
        }

        /** The events in the store when it was asked for. */
        public long target() {
            return target;
        }

        public long applied() {
            return applied.get();
        }

        public boolean finished() {
            return finishedAt != null;
        }

        public double eventsPerSecond() {
            Instant end = finishedAt == null ? Instant.now() : finishedAt;
            double seconds = Math.max(Duration.between(startedAt, end).toNanos() / 1e9, 1e-3);
            return Math.round(applied.get() / seconds * 10) / 10.0;
        }
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing(events -> events.registerEventProcessorFactory((name, configuration, invoker) ->
                SubscribingEventProcessor.builder()
                        .name(name)
                        .eventHandlerInvoker(invoker)
                        .messageSource(source(name))
                        .errorHandler(configuration.eventProcessingConfiguration().errorHandler(name))
                        .messageMonitor(configuration.messageMonitor(SubscribingEventProcessor.class, name))
                        .build()));
    }

    /** Every view can be rebuilt: its handlers can be reset. */
    @Override
    public void afterSingletonsInstantiated() {
        for (String group : names()) {
            if (!processor(group).eventHandlerInvoker().supportsReset()) {
                throw new IllegalStateException("The view " + group + " has no @ResetHandler, so it could never be rebuilt");
            }
        }
    }

    /** The views: the processing groups of the event handlers, by name. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(processing.getObject().eventProcessors().keySet()));
    }

    /** Applies the events to every view, in the caller's transaction. */
    void apply(List<? extends EventMessage<?>> events) {
        for (String group : names()) {
            source(group).publish(events);
        }
    }

    /** Records that the view is to be rebuilt: it is not live from now until {@link #finish}. */
    public Rebuild begin(String group, long target) {
        Rebuild rebuild = new Rebuild(target);
        rebuilds.put(group, rebuild);
        return rebuild;
    }

    /**
     * Resets the view and applies every event to it, in the caller's transaction: the writer's, run
     * exclusively ({@link LedgerWriter#exclusively}).
     */
    public long rebuild(String group, Rebuild rebuild, Stream<? extends EventMessage<?>> events) {
        processor(group).eventHandlerInvoker().performReset();
        EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagers.getObject());
        List<EventMessage<?>> chunk = new ArrayList<>(REBUILD_CHUNK);
        Iterator<? extends EventMessage<?>> iterator = events.iterator();
        while (iterator.hasNext()) {
            chunk.add(iterator.next());
            if (chunk.size() == REBUILD_CHUNK || !iterator.hasNext()) {
                source(group).publish(chunk);
                rebuild.applied.addAndGet(chunk.size());
                chunk.clear();
                if (entityManager != null) {
                    // The rebuilt rows are written and forgotten as it goes, not held until the commit.
                    entityManager.flush();
                    entityManager.clear();
                }
            }
        }
        return rebuild.applied();
    }

    /** The rebuild has committed, or failed and rolled back: the view is live again. */
    public void finish(Rebuild rebuild) {
        rebuild.finishedAt = Instant.now();
    }

    /** The view's last rebuild, if it has had one since this node started. */
    public Optional<Rebuild> rebuildOf(String group) {
        return Optional.ofNullable(rebuilds.get(group));
    }

    public boolean isRebuilding(String group) {
        Rebuild rebuild = rebuilds.get(group);
        return rebuild != null && !rebuild.finished();
    }

    private SubscribingEventProcessor processor(String group) {
        Optional<EventProcessor> processor = processing.getObject().eventProcessor(group);
        return (SubscribingEventProcessor) processor.orElseThrow(() -> new IllegalArgumentException("No view " + group));
    }

    private ViewSource source(String group) {
        return sources.computeIfAbsent(group, ViewSource::new);
    }

    /** What one view's processor is subscribed to: the writer publishes to it, inside its transaction. */
    private static final class ViewSource implements SubscribableMessageSource<EventMessage<?>> {

        private final String group;
        private final List<Consumer<List<? extends EventMessage<?>>>> processors = new CopyOnWriteArrayList<>();

        ViewSource(String group) {
            this.group = group;
        }

        @Override
        public Registration subscribe(Consumer<List<? extends EventMessage<?>>> processor) {
            processors.add(processor);
            return () -> processors.remove(processor);
        }

        void publish(List<? extends EventMessage<?>> events) {
            if (processors.isEmpty()) {
                // Storing events that no view applies would leave the views behind the ledger for good.
                throw new IllegalStateException("The view " + group + " is not running: nothing is stored");
            }
            processors.forEach(processor -> processor.accept(events));
        }
    }
}
