package io.tagledger.api;

import io.tagledger.api.config.TagledgerProperties;
import io.tagledger.domain.RepositoryName;
import io.tagledger.query.view.ViewCatchUp;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a command for one repository and answers once the views show its effect, so that every API
 * gives read-your-writes: a query sent after a write's response sees the write.
 */
@Component
public class RegistryCommands {

    private static final Logger log = LoggerFactory.getLogger(RegistryCommands.class);

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final ViewCatchUp viewCatchUp;
    private final TagledgerProperties properties;

    RegistryCommands(CommandGateway commandGateway, EventStore eventStore, ViewCatchUp viewCatchUp,
                     TagledgerProperties properties) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.viewCatchUp = viewCatchUp;
        this.properties = properties;
    }

    /**
     * Sends the command and waits for its outcome; a refusal is thrown as the domain's exception.
     * Once it has succeeded, waits (boundedly) for the views to apply the repository's events.
     */
    public void send(RepositoryName repository, Object command) {
        commandGateway.sendAndWait(command);
        // The command's events are committed, so the repository's last sequence number is at least theirs.
        long sequence = eventStore.lastSequenceNumberFor(repository.value()).orElse(-1L);
        if (!viewCatchUp.await(repository.value(), sequence, properties.readYourWritesTimeout())) {
            log.warn("Views did not show event {} of repository {} within {}; answering anyway",
                    sequence, repository, properties.readYourWritesTimeout());
        }
    }
}
