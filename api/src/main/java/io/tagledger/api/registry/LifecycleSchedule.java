package io.tagledger.api.registry;

import io.tagledger.api.caller.Caller;
import io.tagledger.api.caller.CallerMetadata;
import io.tagledger.api.nodes.Ownership;
import io.tagledger.api.nodes.Route;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.storage.PeriodicTask;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.command.ApplyLifecyclePolicy;
import io.tagledger.domain.lifecycle.LifecycleExpiry;
import io.tagledger.query.messages.ListLifecyclePolicies;
import io.tagledger.query.messages.RepositoryNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Applies every repository's lifecycle policy, every {@code tagledger.lifecycle.interval}. Each node
 * applies the policies of the repositories it decides for, so that with several nodes each policy is
 * applied once a round. The expiries are recorded with the principal {@link #PRINCIPAL}.
 */
@Component
class LifecycleSchedule extends PeriodicTask {

    /** Who the trail says expired an image: the policy's schedule, not a person. */
    static final String PRINCIPAL = "tagledger:lifecycle-policy";
    private static final Logger log = LoggerFactory.getLogger(LifecycleSchedule.class);
    private static final int PAGE = 1000;

    private final RegistryCommands commands;
    private final RegistryQueries queries;
    private final Ownership ownership;

    LifecycleSchedule(RegistryCommands commands, RegistryQueries queries, Ownership ownership, TagledgerProperties properties) {
        super("lifecycle-policies", properties.lifecycle().interval());
        this.commands = commands;
        this.queries = queries;
        this.ownership = ownership;
    }

    @Override
    protected void runOnce() {
        try {
            applyAll();
        } catch (RuntimeException e) {
            log.warn("Lifecycle policies were not all applied this round; the next round tries again", e);
        }
    }

    /** @return how many images were expired */
    int applyAll() {
        int expired = 0;
        String after = null;
        List<String> names;
        do {
            names = queries.ask(new ListLifecyclePolicies(after, PAGE), RepositoryNames.class).names();
            for (String name : names) {
                if (ownership.route(name) instanceof Route.Here) {
                    expired += apply(RepositoryName.parse(name));
                }
                after = name;
            }
        } while (names.size() == PAGE);
        return expired;
    }

    private int apply(RepositoryName name) {
        try {
            List<LifecycleExpiry> expiries = CallerMetadata.forwarded(Map.of(Caller.PRINCIPAL, PRINCIPAL, Caller.API, "lifecycle"),
                    () -> commands.send(name, new ApplyLifecyclePolicy(name)));
            if (!expiries.isEmpty()) {
                log.info("The lifecycle policy of {} expired {} images", name.value(), expiries.size());
            }
            return expiries.size();
        } catch (RegistryException e) {
            // Deleted, or its policy removed, since the view listed it.
            log.debug("The lifecycle policy of {} was not applied: {}", name.value(), e.getMessage());
            return 0;
        }
    }
}
