package io.tagledger.api;

import io.tagledger.api.config.AppliedSequenceConfig;
import io.tagledger.api.config.TagledgerProperties;
import io.tagledger.domain.RepositoryName;
import io.tagledger.query.view.ViewCatchUp;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
    private final ViewCatchUp viewCatchUp;
    private final TagledgerProperties properties;

    RegistryCommands(CommandGateway commandGateway, ViewCatchUp viewCatchUp, TagledgerProperties properties) {
        this.commandGateway = commandGateway;
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
            throw failure instanceof RuntimeException runtime ? runtime : new CommandExecutionException(failure.getMessage(), failure);
        }
        long sequence = result.getMetaData().get(AppliedSequenceConfig.LAST_SEQUENCE) instanceof AtomicLong slot ? slot.get() : -1;
        if (sequence >= 0 && !viewCatchUp.await(repository.value(), sequence, properties.readYourWritesTimeout())) {
            log.warn("Views did not show event {} of repository {} within {}; answering anyway",
                    sequence, repository, properties.readYourWritesTimeout());
        }
        return (R) result.getPayload();
    }
}
