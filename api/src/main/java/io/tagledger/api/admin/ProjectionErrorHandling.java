package io.tagledger.api.admin;

import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A projection never skips an event. Axon's default for a failing event handler is to log the error
 * and carry on with the next event, so the view silently lacks that event for ever. Here a failure
 * is recorded and propagated: the batch rolls back with its token, the pooled processor releases the
 * segment and claims it again after a back-off, and the same event is handled again until it succeeds.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionErrorHandling {

    @Bean
    ConfigurerModule projectionsStopOnFailure(ProjectionFailures failures) {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : ProcessingGroups.ALL) {
                ListenerInvocationErrorHandler handlerFailed = (exception, event, handler) -> {
                    failures.record(group, event, exception);
                    throw exception;
                };
                processing.registerListenerInvocationErrorHandler(group, configuration -> handlerFailed);
                processing.registerErrorHandler(group, configuration -> context -> {
                    failures.recordBatch(group, context.failedEvents(), context.error());
                    throw context.error() instanceof Exception exception ? exception : new IllegalStateException(context.error());
                });
                processing.registerHandlerInterceptor(group, configuration -> clearOnCommit(group, failures));
            }
        });
    }

    private static MessageHandlerInterceptor<EventMessage<?>> clearOnCommit(String group, ProjectionFailures failures) {
        return (unitOfWork, chain) -> {
            String eventId = unitOfWork.getMessage().getIdentifier();
            if (failures.of(group).filter(failure -> failure.eventId().equals(eventId)).isPresent()) {
                unitOfWork.afterCommit(committed -> failures.committed(group, eventId));
            }
            return chain.proceed();
        };
    }
}
