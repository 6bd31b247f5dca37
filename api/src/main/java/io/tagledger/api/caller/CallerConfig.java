package io.tagledger.api.caller;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The one place where the caller reaches the events: a dispatch interceptor puts the caller, with the
 * principal it was authenticated as ({@link CallerMetadata}), on every message sent through a gateway (commands, and the refusals recorded for the audit trail), and a
 * correlation data provider copies it from a command onto every event the command causes.
 */
@Configuration(proxyBeanMethods = false)
class CallerConfig {

    @Bean
    MessageDispatchInterceptor<Message<?>> callerOnMessages() {
        return messages -> (index, message) -> {
            Map<String, String> caller = CallerMetadata.current();
            return caller.isEmpty() ? message : message.andMetaData(caller);
        };
    }

    @Bean
    CorrelationDataProvider callerOnEvents() {
        return new SimpleCorrelationDataProvider(Caller.COPIED_KEYS);
    }

    /**
     * Declaring any provider drops Axon's default one, which keeps the trace id and the id of the
     * causing message: declare it too. Axon calls the latter {@code correlationId}; here it is
     * {@code causationId}, since {@code correlationId} is the caller's own ({@code X-Correlation-Id}).
     */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider("causationId", "traceId");
    }
}
