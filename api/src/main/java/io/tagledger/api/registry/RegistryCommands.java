package io.tagledger.api.registry;

import io.tagledger.api.caller.CallerMetadata;
import io.tagledger.api.ledger.Fence;
import io.tagledger.api.ledger.OwnershipLost;
import io.tagledger.api.metrics.LedgerMetrics;
import io.tagledger.api.nodes.CommandForwarding;
import io.tagledger.api.nodes.CommandsHere;
import io.tagledger.api.nodes.NotTheOwner;
import io.tagledger.api.nodes.Ownership;
import io.tagledger.api.nodes.Route;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.event.AccessDenied;
import io.tagledger.domain.event.CommandRefused;
import io.tagledger.domain.event.Refused;
import com.fasterxml.jackson.core.type.TypeReference;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a command for one repository, to the node that decides for it ({@link Ownership}): this one,
 * or the owner, which it is forwarded to. It answers once the ledger writer has committed the
 * command's events with the views they change and flushed them to stable storage, so every API gives
 * read-your-writes with no waiting: a query sent after a write's response sees the write, on any node.
 */
@Component
public class RegistryCommands implements CommandsHere {

    /**
     * How often a command is decided, in all, when each decision was taken on an earlier write of its
     * repository that then failed (the writer stored neither): each next decision is taken on what the
     * store holds, so only writes that fail one after another, pipelined ahead of it, decide it again.
     */
    private static final int DECISIONS = 20;
    /** How long a command waits for its repository to have an owner (a node died, or the nodes rebalance). */
    private static final Duration OWNER_WAIT = Duration.ofSeconds(15);
    private static final long OWNER_POLL_NANOS = 20_000_000;
    /** A result read back as JSON reads it: text, numbers, and lists and maps of them. */
    private static final TypeReference<Object> UNTYPED = new TypeReference<>() {
    };

    private final CommandGateway commandGateway;
    private final EventGateway eventGateway;
    private final LedgerMetrics metrics;
    private final Ownership ownership;
    private final CommandForwarding forwarding;

    RegistryCommands(CommandGateway commandGateway, EventGateway eventGateway, LedgerMetrics metrics, Ownership ownership,
                     ObjectProvider<CommandForwarding> forwarding) {
        this.commandGateway = commandGateway;
        this.eventGateway = eventGateway;
        this.metrics = metrics;
        this.ownership = ownership;
        this.forwarding = forwarding.getIfAvailable();
    }

    /**
     * Has the repository's owner decide the command, and waits for its outcome; a refusal is thrown as
     * the domain's exception. While the repository is between owners, or its owner changes under the
     * command, the command waits and is sent to the new owner, for up to {@link #OWNER_WAIT}.
     *
     * @return the command handler's result
     */
    public <R> R send(RepositoryName repository, Object command) {
        return sendTo(repository.value(), command, UNTYPED);
    }

    /**
     * As {@link #send(RepositoryName, Object)}, for a result that is more than text, numbers and lists of
     * them: a result that another node decided comes back as JSON, read as this type.
     */
    public <R> R send(RepositoryName repository, Object command, TypeReference<R> result) {
        return sendTo(repository.value(), command, result);
    }

    /** Has the owner of a repository creation template's aggregate decide the command, as for a repository. */
    public <R> R send(TemplatePrefix template, Object command) {
        return sendTo(template.aggregateIdentifier(), command, UNTYPED);
    }

    /** @param aggregate the identifier of the aggregate that decides the command, which its owner is found by */
    private <R> R sendTo(String aggregate, Object command, TypeReference<?> result) {
        long deadline = System.nanoTime() + OWNER_WAIT.toNanos();
        while (true) {
            Route route = ownership.route(aggregate);
            try {
                if (route instanceof Route.Here here) {
                    return Fence.holding(here.fence(), () -> decide(aggregate, command));
                }
                if (route instanceof Route.There there) {
                    return forward(there.url(), aggregate, command, result);
                }
            } catch (OwnershipLost | NotTheOwner moved) {
                ownership.refresh();
            }
            if (System.nanoTime() - deadline > 0) {
                throw RegistryException.of(Refusal.OWNER_UNAVAILABLE, "repository", aggregate, "retryAfterSeconds", "1");
            }
            LockSupport.parkNanos(OWNER_POLL_NANOS);
        }
    }

    /**
     * Decides a command that another node forwarded, as its caller there: if this node owns its aggregate
     * (a repository, or a repository creation template).
     *
     * @throws NotTheOwner if it does not
     */
    @Override
    public Object decideForwarded(String aggregate, Object command, Map<String, String> caller) {
        String checked = aggregateIdentifier(aggregate);
        if (!(ownership.route(checked) instanceof Route.Here here)) {
            throw new NotTheOwner("This node does not own " + checked);
        }
        return CallerMetadata.forwarded(caller, () -> Fence.holding(here.fence(), () -> decide(checked, command)));
    }

    /** A repository's name, or a template's identifier: nothing else names an aggregate. */
    private static String aggregateIdentifier(String text) {
        return TemplatePrefix.isAggregateIdentifier(text)
                ? TemplatePrefix.ofAggregateIdentifier(text).aggregateIdentifier()
                : RepositoryName.parse(text).value();
    }

    @SuppressWarnings("unchecked")
    private <R> R forward(String owner, String aggregate, Object command, TypeReference<?> result) {
        if (forwarding == null) {
            throw new IllegalStateException(aggregate + " is owned by " + owner + ", but this node forwards nothing");
        }
        return (R) forwarding.send(owner, aggregate, command, CallerMetadata.current(), result);
    }

    /**
     * Decides the command on this node. One decided on a write that then failed is decided again, up to
     * {@value #DECISIONS} times in all; a refusal is recorded in the trail, under the same lease.
     */
    @SuppressWarnings("unchecked")
    private <R> R decide(String aggregate, Object command) {
        long started = System.nanoTime();
        CommandResultMessage<?> result = dispatch(command);
        for (int decision = 1; decision < DECISIONS && result.isExceptional() && decidedOnAFailedWrite(result.exceptionResult()); decision++) {
            result = dispatch(command);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            OwnershipLost lost = ownershipLost(failure);
            if (lost != null) {
                throw lost;
            }
            if (failure instanceof RegistryException refusal) {
                metrics.commandHandled(command, took, refusal);
                recordRefusal(aggregate, command, refusal);
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

    private static boolean decidedOnAFailedWrite(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OwnershipLost) {
                return false;
            }
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    private static OwnershipLost ownershipLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OwnershipLost lost) {
                return lost;
            }
        }
        return null;
    }

    /**
     * Refused attempts are part of the audit trail: recorded as an event of their own, in a transaction
     * of their own (the command's was rolled back), without touching the repository's history. A refusal
     * that cannot be recorded is not answered as a refusal: the failure to record it propagates (a 503
     * when the storage fails), so that the client tries again rather than the trail silently lacking it.
     */
    private void recordRefusal(String aggregate, Object command, RegistryException refusal) {
        record(new CommandRefused(aggregate, command.getClass().getSimpleName(),
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
        try {
            unitOfWork.execute(() -> eventGateway.publish(refused));
        } catch (RuntimeException failed) {
            OwnershipLost lost = ownershipLost(failed);
            throw lost != null ? lost : failed;
        }
    }
}
