package io.tagledger.api.registry;

import io.tagledger.api.consistency.ReadYourWrites;
import io.tagledger.api.metrics.LedgerMetrics;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.event.AccessDenied;
import io.tagledger.domain.event.CommandRefused;
import io.tagledger.domain.event.Refused;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Sends a command for one repository and answers once the views show its effect, so that every API
 * gives read-your-writes: a query sent after a write's response sees the write.
 */
@Component
public class RegistryCommands {

    private final CommandGateway commandGateway;
    private final EventGateway eventGateway;
    private final TransactionManager transactionManager;
    private final ReadYourWrites readYourWrites;
    private final LedgerMetrics metrics;

    RegistryCommands(CommandGateway commandGateway, EventGateway eventGateway, TransactionManager transactionManager,
                     ReadYourWrites readYourWrites, LedgerMetrics metrics) {
        this.commandGateway = commandGateway;
        this.eventGateway = eventGateway;
        this.transactionManager = transactionManager;
        this.readYourWrites = readYourWrites;
        this.metrics = metrics;
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
        long started = System.nanoTime();
        commandGateway.send(command, callback);
        CommandResultMessage<?> result = callback.getResult();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RegistryException refusal) {
                metrics.commandHandled(command, took, refusal);
                recordRefusal(repository, command, refusal);
            }
            throw failure instanceof RuntimeException runtime ? runtime : new CommandExecutionException(failure.getMessage(), failure);
        }
        metrics.commandHandled(command, took, null);
        long waitStarted = System.nanoTime();
        readYourWrites.awaitEffectOf(repository.value(), result);
        metrics.readYourWritesWaited(Duration.ofNanos(System.nanoTime() - waitStarted));
        return (R) result.getPayload();
    }

    /**
     * Refused attempts are part of the audit trail: recorded as an event of their own, in a transaction
     * of their own (the command's was rolled back), without touching the repository's history. A refusal
     * that cannot be recorded is not answered as a refusal: the failure to record it propagates (a 503
     * when the storage fails), so that the client tries again rather than the trail silently lacking it.
     */
    private void recordRefusal(RepositoryName repository, Object command, RegistryException refusal) {
        record(new CommandRefused(repository.value(), command.getClass().getSimpleName(),
                refusal.code().wireName(), refusal.getMessage(), refusal.tag(),
                refusal.digest() != null ? refusal.digest() : attempted(command)));
    }

    /** The digest a refused push tried to put in place, which its refusal's wording may not name: what the trail shows was tried. */
    private static String attempted(Object command) {
        return command instanceof PushImage push ? push.manifest().digest().value() : null;
    }

    /** A denied action is in the audit trail too, recorded as a refused command is. */
    void recordDenial(String repository, String action, RegistryException denial) {
        record(new AccessDenied(repository, action, denial.code().wireName(), denial.getMessage()));
    }

    private void record(Refused refused) {
        // In a unit of work of its own, so that processors hear of the event only once it is committed.
        DefaultUnitOfWork<EventMessage<Refused>> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(refused));
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(() -> eventGateway.publish(refused));
    }
}
