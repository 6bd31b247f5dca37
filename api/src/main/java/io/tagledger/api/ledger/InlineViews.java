package io.tagledger.api.ledger;

import io.tagledger.query.RebuildableView;
import org.axonframework.common.Registration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.SubscribableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The views, kept inline: every processing group (a projection's {@code @ProcessingGroup}) is an Axon
 * subscribing processor whose source is the ledger writer, which hands it each batch's events inside
 * the batch's transaction. A view is registered by its handler class alone: its processing group
 * becomes a view here ({@link #names}).
 *
 * <p>Each view's handler class also rebuilds it ({@link RebuildableView}); one that cannot stops the startup.
 */
@Component
public class InlineViews implements ConfigurerModule, SmartInitializingSingleton {

    private final Map<String, ViewSource> sources = new ConcurrentHashMap<>();
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<RebuildableView> rebuildableViews;

    InlineViews(ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<RebuildableView> rebuildableViews) {
        this.processing = processing;
        this.rebuildableViews = rebuildableViews;
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

    /** Every view can be rebuilt: its handler class is a {@link RebuildableView}. */
    @Override
    public void afterSingletonsInstantiated() {
        Map<String, RebuildableView> rebuildable = rebuildable();
        for (String group : names()) {
            if (!rebuildable.containsKey(group)) {
                throw new IllegalStateException("The view " + group + " is not a RebuildableView, so it could never be rebuilt");
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

    /** The view's handler class, which also rebuilds it. */
    public RebuildableView view(String group) {
        RebuildableView view = rebuildable().get(group);
        if (view == null) {
            throw new IllegalArgumentException("No view " + group);
        }
        return view;
    }

    /** The views' handler classes, by processing group. */
    private Map<String, RebuildableView> rebuildable() {
        Map<String, RebuildableView> byGroup = new HashMap<>();
        for (RebuildableView view : rebuildableViews.orderedStream().toList()) {
            ProcessingGroup group = AnnotationUtils.findAnnotation(ClassUtils.getUserClass(view), ProcessingGroup.class);
            if (group != null) {
                byGroup.put(group.value(), view);
            }
        }
        return byGroup;
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
