package io.tagledger.api.registry;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.security.Action;
import io.tagledger.api.security.Identity;
import io.tagledger.api.security.Policy;
import io.tagledger.api.security.RepositoryPolicy;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import org.springframework.stereotype.Component;

/**
 * Whether the caller may perform an operation, asked by the application layer before each one, so that
 * every API (and every API still to come) enforces the same {@link Policy} and repository policies. A denial is answered as ECR
 * answers it, {@code AccessDeniedException} naming the caller, the action and the resource as ARNs, and
 * is recorded in the audit trail with the caller and its address, as CloudTrail records one.
 */
@Component
class Access {

    /** The resource of an action on every repository. */
    static final String EVERY_REPOSITORY = "*";

    private final Policy policy;
    private final RepositoryPolicyCache repositoryPolicies;
    private final RegistryCommands commands;
    private final String registryId;
    private final String region;

    Access(Policy policy, RepositoryPolicyCache repositoryPolicies, RegistryCommands commands, TagledgerProperties properties) {
        this.policy = policy;
        this.repositoryPolicies = repositoryPolicies;
        this.commands = commands;
        this.registryId = properties.ecr().registryId();
        this.region = properties.ecr().region();
    }

    void require(Action action, RepositoryName repository) {
        requireTag(action, repository, null);
    }

    /**
     * For what moves or removes a tag: a grant's {@code tags} narrow it. The repository's own check comes first.
     *
     * @param tag {@code null} for an action on the repository as a whole
     */
    void requireTag(Action action, RepositoryName repository, String tag) {
        Identity caller = Identity.current();
        RepositoryPolicy.Decision decision = repositoryDecision(caller, action, repository.value());
        if (decision == RepositoryPolicy.Decision.DENY) {
            throw denied(Refusal.ACCESS_DENIED_BY_REPOSITORY_POLICY, caller, action, repository.value(), null);
        }
        if (!allowedByEither(decision, caller, action, repository.value(), tag)) {
            throw denied(tag == null ? Refusal.ACCESS_DENIED : Refusal.TAG_ACCESS_DENIED, caller, action, repository.value(), tag);
        }
    }

    /**
     * The grants and the repository's policy together, as IAM decides within one account: the policy's
     * explicit deny denies; otherwise an allow in either allows. An anonymous caller is allowed by no policy.
     */
    private boolean allows(Identity caller, Action action, String repository) {
        RepositoryPolicy.Decision decision = repositoryDecision(caller, action, repository);
        return decision != RepositoryPolicy.Decision.DENY && allowedByEither(decision, caller, action, repository, null);
    }

    private boolean allowedByEither(RepositoryPolicy.Decision decision, Identity caller, Action action, String repository, String tag) {
        if (decision == RepositoryPolicy.Decision.ALLOW && !caller.isAnonymous()) {
            return true;
        }
        return tag == null ? policy.allows(caller, action, repository) : policy.allows(caller, action, repository, tag);
    }

    private RepositoryPolicy.Decision repositoryDecision(Identity caller, Action action, String repository) {
        return repositoryPolicies.of(repository)
                .map(repositoryPolicy -> repositoryPolicy.decide(RepositoryPolicy.userArn(registryId, caller.principal()), action.iamName()))
                .orElse(RepositoryPolicy.Decision.NONE);
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
        return allows(Identity.current(), action, repository);
    }

    private RegistryException denied(Identity caller, Action action, String repository) {
        return denied(Refusal.ACCESS_DENIED, caller, action, repository, null);
    }

    private RegistryException denied(Refusal refusal, Identity caller, Action action, String repository, String tag) {
        RegistryException denial = RegistryException.of(refusal,
                "user", RepositoryPolicy.userArn(registryId, caller.principal()),
                "action", action.iamName(),
                "resource", "arn:aws:ecr:" + region + ":" + registryId + ":repository/" + repository,
                "tag", tag);
        commands.recordDenial(repository, action.iamName(), denial);
        return denial;
    }
}
