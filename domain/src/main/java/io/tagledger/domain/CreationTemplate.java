package io.tagledger.domain;

import io.tagledger.domain.command.CreateCreationTemplate;
import io.tagledger.domain.command.DeleteCreationTemplate;
import io.tagledger.domain.command.UpdateCreationTemplate;
import io.tagledger.domain.event.CreationTemplateCreated;
import io.tagledger.domain.event.CreationTemplateDeleted;
import io.tagledger.domain.event.CreationTemplateUpdated;
import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustPolicy;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A repository creation template, identified by its prefix ({@link TemplatePrefix#aggregateIdentifier()}):
 * one prefix, one template. As for a repository, every handler is {@code CREATE_IF_MISSING}, so a prefix
 * whose template was deleted may have one again.
 */
public class CreationTemplate {

    /** ECR's limit on a template's description. */
    public static final int MAX_DESCRIPTION = 256;

    @AggregateIdentifier
    private String id;
    private boolean live;
    private String prefix;
    private String description;
    private TagMutability tagMutability;
    private List<TemplateUse> appliedFor;
    private TrustPolicy trustPolicy;

    /** Required by Axon: the instance that events are applied to. */
    public CreationTemplate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateCreationTemplate command) {
        if (live) {
            throw RegistryException.templateAlreadyExists(command.prefix().value());
        }
        TagMutability mutability = command.tagMutability() == null ? TagMutability.MUTABLE : command.tagMutability();
        apply(new CreationTemplateCreated(command.prefix().value(), description(command.description()), mutability.mode(),
                mutability.filterPatterns(), appliedFor(command.appliedFor()), trustPolicy(command.trustPolicy())));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UpdateCreationTemplate command) {
        requireLive(command.prefix());
        TagMutability mutability = command.tagMutability() == null ? tagMutability : command.tagMutability();
        apply(new CreationTemplateUpdated(prefix,
                command.description() == null ? description : description(command.description()),
                mutability.mode(), mutability.filterPatterns(),
                command.appliedFor() == null ? appliedFor : appliedFor(command.appliedFor()),
                command.trustPolicy() == null ? trustPolicy : trustPolicy(command.trustPolicy())));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DeleteCreationTemplate command) {
        requireLive(command.prefix());
        apply(new CreationTemplateDeleted(prefix));
    }

    private void requireLive(TemplatePrefix target) {
        if (!live) {
            throw RegistryException.templateNotFound(target.value());
        }
    }

    private static String description(String text) {
        if (text != null && text.length() > MAX_DESCRIPTION) {
            throw RegistryException.invalidParameter("description", "Member must have length less than or equal to " + MAX_DESCRIPTION);
        }
        return text == null || text.isEmpty() ? null : text;
    }

    /** A policy, read again; {@code OFF} is kept as none. */
    private static TrustPolicy trustPolicy(TrustPolicy given) {
        if (given == null) {
            return null;
        }
        TrustPolicy policy = given.reread();
        return policy.mode() == TrustMode.OFF ? null : policy;
    }

    /** ECR requires at least one use; they are kept in their declared order, each once. */
    private static List<TemplateUse> appliedFor(Set<TemplateUse> uses) {
        if (uses == null || uses.isEmpty()) {
            throw RegistryException.invalidParameter("appliedFor", "Member must have length greater than or equal to 1");
        }
        return List.copyOf(new TreeSet<>(uses));
    }

    @EventSourcingHandler
    void on(CreationTemplateCreated event) {
        id = TemplatePrefix.parse(event.prefix()).aggregateIdentifier();
        live = true;
        hold(event.prefix(), event.description(), TagMutability.of(event.imageTagMutability(), event.exclusionFilters()),
                event.appliedFor(), event.trustPolicy());
    }

    @EventSourcingHandler
    void on(CreationTemplateUpdated event) {
        hold(event.prefix(), event.description(), TagMutability.of(event.imageTagMutability(), event.exclusionFilters()),
                event.appliedFor(), event.trustPolicy());
    }

    @EventSourcingHandler
    void on(CreationTemplateDeleted event) {
        live = false;
    }

    private void hold(String prefix, String description, TagMutability tagMutability, List<TemplateUse> appliedFor,
                      TrustPolicy trustPolicy) {
        this.trustPolicy = trustPolicy;
        this.prefix = prefix;
        this.description = description;
        this.tagMutability = tagMutability;
        this.appliedFor = appliedFor;
    }
}
