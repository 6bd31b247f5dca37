package io.tagledger.api;

import io.tagledger.api.admin.Projections;
import io.tagledger.api.config.AppliedSequenceConfig;
import io.tagledger.api.config.TagledgerProperties;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.event.CommandRefused;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.view.ViewCatchUp;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a command for one repository and answers once the views show its effect, so that every API
 * gives read-your-writes: a query sent after a write's response sees the write.
 */
@Component
public class RegistryCommands {

    private static final Logger log = LoggerFactory.getLogger(RegistryCommands.class);

    private final CommandGateway commandGateway;
    private final EventGateway eventGateway;
    private final TransactionManager transactionManager;
    private final ViewCatchUp viewCatchUp;
    private final Projections projections;
    private final TagledgerProperties properties;

    RegistryCommands(CommandGateway commandGateway, EventGateway eventGateway, TransactionManager transactionManager,
                     ViewCatchUp viewCatchUp, Projections projections, TagledgerProperties properties) {
        this.projections = projections;
        this.commandGateway = commandGateway;
        this.eventGateway = eventGateway;
        this.transactionManager = transactionManager;
        this.viewCatchUp = viewCatchUp;
        this.properties = properties;
    }

    /**
     * Sends the command and waits for its outcome; a refusal is thrown as the domain's exception.
     * Once it has succeeded, waits (boundedly) for the views to apply the repository's events.
     *
     * @return the command handler's result
     */
    @SuppressWarnings("unchecked")
    public <R> R send(RepositoryName repository, Object command) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        commandGateway.send(command, callback);
        CommandResultMessage<?> result = callback.getResult();
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RegistryException refusal) {
                recordRefusal(repository, command, refusal);
            }
            throw failure instanceof RuntimeException runtime ? runtime : new CommandExecutionException(failure.getMessage(), failure);
        }
        long sequence = result.getMetaData().get(AppliedSequenceConfig.LAST_SEQUENCE) instanceof AtomicLong slot ? slot.get() : -1;
        if (sequence >= 0) {
            awaitProjections(repository.value(), sequence);
        }
        return (R) result.getPayload();
    }

    /**
     * Waits for every live projection; one being rebuilt answers 503 to its queries until it has caught
     * up anyway, and one stuck on a failing event cannot catch up until an operator fixes the cause
     * (its failure is on /admin/projections and /actuator/health).
     */
    private void awaitProjections(String repository, long sequence) {
        long deadline = System.nanoTime() + properties.readYourWritesTimeout().toNanos();
        for (String group : ProcessingGroups.ALL) {
            if (projections.isLive(group) && !projections.isFailing(group)
                    && !viewCatchUp.await(group, repository, sequence, deadline)) {
                log.warn("The {} projection did not show event {} of repository {} within {}; answering anyway",
                        group, sequence, repository, properties.readYourWritesTimeout());
            }
        }
    }

    /**
     * Refused attempts are part of the audit trail: recorded as an event of their own, in a transaction
     * of their own (the command's was rolled back), without touching the repository's history. A refusal
     * that cannot be recorded is not answered as a refusal: the failure to record it propagates (a 503
     * when the storage fails), so that the client tries again rather than the trail silently lacking it.
     */
    private void recordRefusal(RepositoryName repository, Object command, RegistryException refusal) {
        CommandRefused refused = new CommandRefused(repository.value(), command.getClass().getSimpleName(),
                refusal.code().ecrName(), refusal.getMessage(), refusal.tag(), refusal.digest());
        // In a unit of work of its own, so that processors hear of the event only once it is committed.
        DefaultUnitOfWork<EventMessage<CommandRefused>> unitOfWork =
                DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(refused));
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(() -> eventGateway.publish(refused));
    }
}
