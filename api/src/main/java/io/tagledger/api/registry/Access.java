package io.tagledger.api.registry;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.security.Action;
import io.tagledger.api.security.Identity;
import io.tagledger.api.security.Policy;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import org.springframework.stereotype.Component;

/**
 * Whether the caller may perform an operation, asked by the application layer before each one, so that
 * every API (and every API still to come) enforces the same {@link Policy}. A denial is answered as ECR
 * answers it, {@code AccessDeniedException} naming the caller, the action and the resource as ARNs, and
 * is recorded in the audit trail with the caller and its address, as CloudTrail records one.
 */
@Component
class Access {

    /** The resource of an action on every repository. */
    static final String EVERY_REPOSITORY = "*";

    private final Policy policy;
    private final RegistryCommands commands;
    private final String registryId;
    private final String region;

    Access(Policy policy, RegistryCommands commands, TagledgerProperties properties) {
        this.policy = policy;
        this.commands = commands;
        this.registryId = properties.ecr().registryId();
        this.region = properties.ecr().region();
    }

    void require(Action action, RepositoryName repository) {
        Identity caller = Identity.current();
        if (!policy.allows(caller, action, repository.value())) {
            throw denied(caller, action, repository.value());
        }
    }

    /** For what moves or removes a tag: a grant's {@code tags} narrow it. The repository's own check comes first. */
    void requireTag(Action action, RepositoryName repository, String tag) {
        Identity caller = Identity.current();
        if (!policy.allows(caller, action, repository.value(), tag)) {
            RegistryException denial = RegistryException.of(Refusal.TAG_ACCESS_DENIED,
                    "user", "arn:aws:iam::" + registryId + ":user/" + caller.principal(),
                    "action", action.iamName(),
                    "resource", "arn:aws:ecr:" + region + ":" + registryId + ":repository/" + repository.value(),
                    "tag", tag);
            commands.recordDenial(repository.value(), action.iamName(), denial);
            throw denial;
        }
    }

    /** For what reads across repositories: allowed only where the action is granted on every one. */
    void requireEverywhere(Action action) {
        Identity caller = Identity.current();
        if (!policy.allowsEverywhere(caller, action)) {
            throw denied(caller, action, EVERY_REPOSITORY);
        }
    }

    /** For listings that show each caller what it may see: the action must be granted somewhere. */
    void requireSomewhere(Action action) {
        Identity caller = Identity.current();
        if (!policy.allowsSomewhere(caller, action)) {
            throw denied(caller, action, EVERY_REPOSITORY);
        }
    }

    boolean allows(Action action, String repository) {
        return policy.allows(Identity.current(), action, repository);
    }

    private RegistryException denied(Identity caller, Action action, String repository) {
        RegistryException denial = RegistryException.of(Refusal.ACCESS_DENIED,
                "user", "arn:aws:iam::" + registryId + ":user/" + caller.principal(),
                "action", action.iamName(),
                "resource", "arn:aws:ecr:" + region + ":" + registryId + ":repository/" + repository);
        commands.recordDenial(repository, action.iamName(), denial);
        return denial;
    }
}
