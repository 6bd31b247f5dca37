package io.tagledger.api.ledger;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Axon's simple command bus, with one repository's commands pipelined: a command's unit of work commits
 * as soon as its events are queued for the {@link LedgerWriter}, which releases the repository's lock,
 * and the command is answered only once the batch holding its events is on stable storage. So the next
 * command of the same repository decides on the state in memory while this one is being written, and
 * many pushes of one repository share one flush.
 *
 * <p>A decision is never answered on state that did not become durable:
 * <ul>
 *   <li>a command that appended waits for its own events; the writer fails every write built on a
 *       write that failed ({@link LedgerWriter}), so its answer holds only if all it decided on holds;</li>
 *   <li>a command that appended nothing (a refusal, a no-op) waits for the repository's last append
 *       still queued: if that failed, the command decided on state that never was, and is answered as
 *       a lost race ({@link ConcurrencyException}), which its sender retries on fresh state.</li>
 * </ul>
 * Either way, the repository is then evicted from the aggregate cache, so that the retry loads what
 * the store holds. With several nodes, a command that appended nothing is answered only if this node
 * still holds the lease it was decided under ({@link Fence}); one that appended is fenced by the writer.
 */
public class PipelinedCommandBus extends SimpleCommandBus {

    private final LedgerStorageEngine storage;
    private final Cache aggregates;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    public PipelinedCommandBus(Builder builder, LedgerStorageEngine storage, Cache aggregates) {
        super(builder);
        this.storage = storage;
        this.aggregates = aggregates;
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        List<LedgerStorageEngine.Append> appends = new ArrayList<>();
        List<LedgerStorageEngine.Append> before = LedgerStorageEngine.collectAppends(appends);
        try {
            // Axon answers the callback once the unit of work is over, the repository's lock released.
            super.handle(command, handler, (CommandCallback<C, R>) (message, result) ->
                    callback.onResult(message, settle(message, result, appends)));
        } finally {
            LedgerStorageEngine.restoreCollecting(before);
        }
    }

    @SuppressWarnings("unchecked")
    private <C, R> CommandResultMessage<R> settle(CommandMessage<C> command, CommandResultMessage<R> result,
                                                  List<LedgerStorageEngine.Append> appends) {
        Set<String> repositories = new LinkedHashSet<>();
        try {
            if (appends.isEmpty()) {
                String repository = target(command);
                if (repository != null) {
                    repositories.add(repository);
                    awaitDecidedOn(repository);
                }
                // Nothing to fence at the writer: the decision holds only if it was taken under a lease still held.
                Fence fence = Fence.current();
                if (fence != null && !fence.holds()) {
                    throw new OwnershipLost("The lease on bucket " + fence.bucket() + " lapsed while the command was decided");
                }
            } else {
                for (LedgerStorageEngine.Append append : appends) {
                    if (append.aggregateIdentifier() != null) {
                        repositories.add(append.aggregateIdentifier());
                    }
                }
                for (LedgerStorageEngine.Append append : appends) {
                    storage.await(append);
                }
            }
            return result;
        } catch (RuntimeException failed) {
            repositories.forEach(aggregates::remove);
            return (CommandResultMessage<R>) GenericCommandResultMessage.asCommandResultMessage(failed);
        }
    }

    /** Waits for the repository's last queued append, on whose state a command that appended nothing decided. */
    private void awaitDecidedOn(String repository) {
        CompletableFuture<Void> last = storage.lastAppend(repository).orElse(null);
        if (last == null) {
            return;
        }
        try {
            last.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the ledger stored the events", e);
        } catch (ExecutionException e) {
            throw new ConcurrencyException("Repository " + repository + " was decided on a write that failed", e.getCause());
        }
    }

    private String target(CommandMessage<?> command) {
        try {
            return targets.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return null;
        }
    }
}
