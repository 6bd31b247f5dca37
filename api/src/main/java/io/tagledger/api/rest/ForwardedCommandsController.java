package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Hidden;
import io.tagledger.api.ledger.OwnershipLost;
import io.tagledger.api.nodes.CommandForwarding;
import io.tagledger.api.nodes.NotTheOwner;
import io.tagledger.api.registry.RegistryCommands;
import io.tagledger.api.storage.StorageFailures;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.format.DateTimeParseException;

/**
 * Where a node's commands for a repository this node owns arrive ({@link CommandForwarding}): decided
 * here as the sending node's caller, and answered with the result or the refusal, which that node
 * answers its own caller in its API's format. Only nodes that know the shared secret are heard.
 */
@Hidden
@RestController
@ConditionalOnProperty(name = "tagledger.shared-database", havingValue = "true")
class ForwardedCommandsController {

    private final CommandForwarding forwarding;
    private final RegistryCommands commands;

    ForwardedCommandsController(CommandForwarding forwarding, RegistryCommands commands) {
        this.forwarding = forwarding;
        this.commands = commands;
    }

    @PostMapping(path = CommandForwarding.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> decide(@RequestBody byte[] body, @RequestHeader(name = CommandForwarding.SIGNED_AT, required = false) String signedAt,
                                  @RequestHeader(name = CommandForwarding.SIGNATURE, required = false) String signature) {
        CommandForwarding.Forwarded command;
        try {
            command = forwarding.receive(body, signedAt, signature);
        } catch (SecurityException | IllegalArgumentException | DateTimeParseException refused) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        try {
            Object result = commands.decideForwarded(RepositoryName.parse(command.repository()), command.command(), command.metadata());
            return ResponseEntity.ok(forwarding.result(result));
        } catch (NotTheOwner | OwnershipLost moved) {
            return ResponseEntity.status(CommandForwarding.NOT_THE_OWNER).build();
        } catch (RegistryException refusal) {
            return ResponseEntity.status(CommandForwarding.REFUSED).body(forwarding.refused(refusal));
        } catch (RuntimeException failed) {
            if (StorageFailures.isStorageFailure(failed)) {
                return ResponseEntity.status(CommandForwarding.REFUSED).body(forwarding.refused(StorageFailures.unavailable()));
            }
            throw failed;
        }
    }
}
