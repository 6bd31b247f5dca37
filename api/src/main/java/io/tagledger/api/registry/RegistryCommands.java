package io.tagledger.api.registry;

import io.tagledger.api.metrics.LedgerMetrics;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.event.AccessDenied;
import io.tagledger.domain.event.CommandRefused;
import io.tagledger.domain.event.Refused;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a command for one repository. It answers once the ledger writer has committed the command's
 * events with the views they change and flushed them to stable storage, so every API gives
 * read-your-writes with no waiting: a query sent after a write's response sees the write.
 */
@Component
public class RegistryCommands {

    /** How often a command that keeps losing races to append is sent, in all; each loss means another writer won. */
    private static final int RACES = 20;
    private static final long RACE_PAUSE_NANOS = 5_000_000;

    private final CommandGateway commandGateway;
    private final EventGateway eventGateway;
    private final LedgerMetrics metrics;

    RegistryCommands(CommandGateway commandGateway, EventGateway eventGateway, LedgerMetrics metrics) {
        this.commandGateway = commandGateway;
        this.eventGateway = eventGateway;
        this.metrics = metrics;
    }

    /**
     * Sends the command and waits for its outcome; a refusal is thrown as the domain's exception. A
     * command that lost a race to append (another node appended to the repository first) is sent again
     * on fresh state, up to {@value #RACES} times: it then decides as if it had come second.
     *
     * @return the command handler's result
     */
    @SuppressWarnings("unchecked")
    public <R> R send(RepositoryName repository, Object command) {
        long started = System.nanoTime();
        CommandResultMessage<?> result = dispatch(command);
        for (int race = 1; race < RACES && result.isExceptional() && lostARaceToAppend(result.exceptionResult()); race++) {
            LockSupport.parkNanos(RACE_PAUSE_NANOS);
            result = dispatch(command);
        }
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
        return (R) result.getPayload();
    }

    /**
     * The command's outcome, however it fails: Axon hands a handler's failure to the callback, but throws
     * one of the commit (the ledger writer's) out of the dispatch itself.
     */
    private CommandResultMessage<?> dispatch(Object command) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        try {
            commandGateway.send(command, callback);
        } catch (RuntimeException failed) {
            return GenericCommandResultMessage.asCommandResultMessage(failed);
        }
        return callback.getResult();
    }

    private static boolean lostARaceToAppend(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
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
        // In a unit of work of its own, which commits once the ledger writer has stored the event.
        DefaultUnitOfWork<EventMessage<Refused>> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(refused));
        unitOfWork.execute(() -> eventGateway.publish(refused));
    }
}
