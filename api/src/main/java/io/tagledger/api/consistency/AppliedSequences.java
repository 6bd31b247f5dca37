package io.tagledger.api.consistency;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts on each command's result the sequence number of the last event the command applied, so that
 * read-your-writes knows exactly what to wait for. (Asking the event store for the aggregate's last
 * sequence number instead costs a scan of its events on H2: pushes slowed as history grew.)
 *
 * <p>The event bus intercepts a command's events only when its unit of work prepares to commit, after
 * the handler has returned its result. So the handler interceptor puts an empty slot on the result,
 * and the event interceptor fills it before the commit; the sender reads it once the command is done.
 */
@Configuration(proxyBeanMethods = false)
public class AppliedSequences {

    /**
     * The result metadata key of an {@link AtomicLong} holding the sequence number, or -1 when the
     * command applied no event.
     */
    public static final String LAST_SEQUENCE = "lastAppliedSequence";

    private static final String RESOURCE = AppliedSequences.class.getName() + ".lastSequence";

    @Bean
    SmartInitializingSingleton recordAppliedSequences(EventStore eventStore) {
        return () -> eventStore.registerDispatchInterceptor(messages -> {
            long last = -1;
            for (EventMessage<?> message : messages) {
                if (message instanceof DomainEventMessage<?> domainEvent) {
                    last = Math.max(last, domainEvent.getSequenceNumber());
                }
            }
            if (last >= 0 && CurrentUnitOfWork.isStarted()
                    && CurrentUnitOfWork.get().root().getResource(RESOURCE) instanceof AtomicLong slot) {
                slot.accumulateAndGet(last, Math::max);
            }
            return (index, message) -> message;
        });
    }

    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> reportAppliedSequence() {
        return (unitOfWork, chain) -> {
            AtomicLong slot = unitOfWork.root().getOrComputeResource(RESOURCE, key -> new AtomicLong(-1));
            Object result = chain.proceed();
            return GenericCommandResultMessage.asCommandResultMessage(result).andMetaData(Map.of(LAST_SEQUENCE, slot));
        };
    }
}
