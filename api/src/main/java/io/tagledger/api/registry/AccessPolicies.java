package io.tagledger.api.registry;

import io.tagledger.api.security.Action;
import io.tagledger.api.security.Identity;
import io.tagledger.api.security.RepositoryPolicy;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.command.DeleteRepositoryPolicy;
import io.tagledger.domain.command.SetRepositoryPolicy;
import io.tagledger.query.messages.FindRepositorySettings;
import io.tagledger.query.messages.RepositorySettings;
import io.tagledger.query.messages.RepositorySettingsList;
import org.springframework.stereotype.Component;

/**
 * Repository policies, for every API: set, read, delete. A policy is parsed whole, and refused unless
 * tagledger evaluates every statement of it ({@link RepositoryPolicy}); once set, every authorization
 * reads it with the grants ({@link Access}).
 */
@Component
public class AccessPolicies {

    private final RegistryCommands commands;
    private final RegistryQueries queries;
    private final RepositoryPolicyCache cache;
    private final Access access;
    private final String registryId;

    AccessPolicies(RegistryCommands commands, RegistryQueries queries, RepositoryPolicyCache cache, Access access,
                   TagledgerProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.cache = cache;
        this.access = access;
        this.registryId = properties.ecr().registryId();
    }

    /**
     * @param force whether to set a policy that denies the caller the setting of another, as ECR asks: without it, such a
     *              policy is refused, so that nobody locks a repository by mistake
     * @return the policy's text, as it was given
     */
    public String set(RepositoryName name, String text, boolean force) {
        access.require(Action.SET_REPOSITORY_POLICY, name);
        RepositoryPolicy policy = RepositoryPolicy.parse(text, registryId);
        String caller = RepositoryPolicy.userArn(registryId, Identity.current().principal());
        if (!force && policy.decide(caller, Action.SET_REPOSITORY_POLICY.iamName()) == RepositoryPolicy.Decision.DENY) {
            throw RegistryException.invalidParameter(RepositoryPolicy.MEMBER, "The policy denies you "
                    + Action.SET_REPOSITORY_POLICY.iamName() + ", so that you could not set another: set it with force to mean it");
        }
        try {
            commands.send(name, new SetRepositoryPolicy(name, policy.text()));
        } finally {
            cache.forget();
        }
        return policy.text();
    }

    public String get(RepositoryName name) {
        access.require(Action.GET_REPOSITORY_POLICY, name);
        RepositorySettings settings = queries.ask(FindRepositorySettings.of(name.value()), RepositorySettingsList.class).items().stream()
                .findFirst().orElseThrow(() -> RegistryQueries.notFound(name));
        if (settings.repositoryPolicyText() == null) {
            throw RegistryException.of(Refusal.REPOSITORY_POLICY_NOT_FOUND, "repository", name.value());
        }
        return settings.repositoryPolicyText();
    }

    /** @return the policy's text as it was */
    public String delete(RepositoryName name) {
        access.require(Action.DELETE_REPOSITORY_POLICY, name);
        try {
            return commands.send(name, new DeleteRepositoryPolicy(name));
        } finally {
            cache.forget();
        }
    }
}
