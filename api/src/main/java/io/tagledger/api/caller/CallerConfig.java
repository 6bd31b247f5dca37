package io.tagledger.api.caller;

import io.tagledger.api.security.Identity;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

/**
 * The one place where the caller reaches the events: a dispatch interceptor puts the caller, with the
 * principal it was authenticated as, on every message sent through a gateway (commands, and the refusals recorded for the audit trail), and a
 * correlation data provider copies it from a command onto every event the command causes.
 */
@Configuration(proxyBeanMethods = false)
class CallerConfig {

    @Bean
    MessageDispatchInterceptor<Message<?>> callerOnMessages() {
        return messages -> (index, message) -> {
            Optional<Caller> caller = CallerContext.current();
            return caller.isPresent() ? message.andMetaData(caller.get().asMetadata(Identity.current().principal())) : message;
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
