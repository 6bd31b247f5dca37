package io.tagledger.api.admin;

import io.tagledger.api.storage.StorageFailures;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A view never skips an event. Axon's default for a failing event handler is to log the error and
 * carry on with the next event, so the view silently lacks that event for ever. Here a failure is
 * recorded and propagated: the ledger writer's batch rolls back, and the command whose event the view
 * cannot apply fails with nothing stored (the others of its batch are committed without it). The
 * failure shows until the view next applies an event. A failure of the storage itself is the
 * storage's, shown by its health, not the view's.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionErrorHandling {

    /**
     * For every view, without naming any: a handler's failure propagates (Axon's default would log it
     * and go on), and the view's processor records it against the events it was given, which in the
     * writer's retry of a failed batch are one write's.
     */
    @Bean
    ConfigurerModule projectionsStopOnFailure(ProjectionFailures failures) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(configuration -> context -> {
                    // A storage that fails (a full disk) fails the batch, and shows as the storage's health;
                    // it is no fault of the view, which would show failing until its next event, after recovery.
                    if (!StorageFailures.isStorageFailure(context.error())) {
                        failures.recordBatch(context.eventProcessor(), context.failedEvents(), context.error());
                    }
                    throw context.error() instanceof Exception exception ? exception : new IllegalStateException(context.error());
                })
                .registerDefaultHandlerInterceptor((configuration, group) -> clearOnCommit(group, failures)));
    }

    private static MessageHandlerInterceptor<EventMessage<?>> clearOnCommit(String group, ProjectionFailures failures) {
        return (unitOfWork, chain) -> {
            if (failures.isFailing(group)) {
                unitOfWork.afterCommit(committed -> failures.applied(group));
            }
            return chain.proceed();
        };
    }
}
