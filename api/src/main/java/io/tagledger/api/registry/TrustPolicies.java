package io.tagledger.api.registry;

import io.tagledger.api.security.Action;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.command.SetTrustPolicy;
import io.tagledger.domain.trust.TrustPolicy;
import io.tagledger.query.messages.FindRepositorySettings;
import io.tagledger.query.messages.RepositorySettings;
import io.tagledger.query.messages.RepositorySettingsList;
import org.springframework.stereotype.Component;

/** Repositories' trust policies, for every API: which tags move only onto images signed by a trusted key. */
@Component
public class TrustPolicies {

    private final RegistryCommands commands;
    private final RegistryQueries queries;
    private final Access access;

    TrustPolicies(RegistryCommands commands, RegistryQueries queries, Access access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** Sets the policy, which the repository reads whole; {@code OFF} ends it. @return the policy as kept */
    public TrustPolicy put(RepositoryName name, TrustPolicy policy) {
        access.require(Action.PUT_TRUST_POLICY, name);
        commands.send(name, new SetTrustPolicy(name, policy.mode(), policy.tags(), policy.cosignKeys(), policy.notationCertificates()));
        return policy(name);
    }

    /** The repository's policy: {@link TrustPolicy#OFF} when it has none. */
    public TrustPolicy get(RepositoryName name) {
        access.require(Action.GET_TRUST_POLICY, name);
        return policy(name);
    }

    private TrustPolicy policy(RepositoryName name) {
        return queries.ask(FindRepositorySettings.of(name.value()), RepositorySettingsList.class).items().stream().findFirst()
                .map(RepositorySettings::trustPolicy).orElseThrow(() -> RegistryQueries.notFound(name));
    }
}
