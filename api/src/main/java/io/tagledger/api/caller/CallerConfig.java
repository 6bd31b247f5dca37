package io.tagledger.api.caller;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

/**
 * The one place where the caller reaches the events: a dispatch interceptor puts the caller on every
 * command, and a correlation data provider copies it onto every event the command causes.
 */
@Configuration(proxyBeanMethods = false)
class CallerConfig {

    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> callerOnCommands() {
        return messages -> (index, command) -> {
            Optional<Caller> caller = CallerContext.current();
            return caller.isPresent() ? command.andMetaData(caller.get().asMetadata()) : command;
        };
    }

    @Bean
    CorrelationDataProvider callerOnEvents() {
        return new SimpleCorrelationDataProvider(Caller.COPIED_KEYS);
    }

    /** Declaring any provider drops Axon's default one, which keeps trace and correlation ids: declare it too. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }
}
