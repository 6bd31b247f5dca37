package io.tagledger.api.registry;

import io.tagledger.api.security.Action;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.TemplateUse;
import io.tagledger.domain.command.CreateCreationTemplate;
import io.tagledger.domain.command.DeleteCreationTemplate;
import io.tagledger.domain.command.UpdateCreationTemplate;
import io.tagledger.domain.trust.TrustPolicy;
import io.tagledger.query.messages.CreationTemplatePage;
import io.tagledger.query.messages.CreationTemplateSummary;
import io.tagledger.query.messages.ListCreationTemplates;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * Repository creation templates, as ECR has them, for every API: the settings a repository gets when a
 * push to a name that does not exist creates it ({@link Repositories#forPush}). A template belongs to
 * the registry, not to a repository: each action must be granted on every repository.
 */
@Component
public class CreationTemplates {

    private final RegistryCommands commands;
    private final RegistryQueries queries;
    private final PageTokens tokens;
    private final Access access;

    CreationTemplates(RegistryCommands commands, RegistryQueries queries, PageTokens tokens, Access access) {
        this.commands = commands;
        this.queries = queries;
        this.tokens = tokens;
        this.access = access;
    }

    /** @param mutability {@code null} for MUTABLE, as ECR has it; @param trustPolicy {@code null} for none */
    public CreationTemplateSummary create(TemplatePrefix prefix, String description, TagMutability mutability,
                                          Set<TemplateUse> appliedFor, TrustPolicy trustPolicy) {
        access.requireEverywhere(Action.CREATE_REPOSITORY_CREATION_TEMPLATE);
        commands.send(prefix, new CreateCreationTemplate(prefix, description, mutability, appliedFor, trustPolicy));
        return find(prefix);
    }

    /** Each member left {@code null} keeps its value; {@link TrustPolicy#OFF} ends the template's trust policy. */
    public CreationTemplateSummary update(TemplatePrefix prefix, String description, TagMutability mutability,
                                          Set<TemplateUse> appliedFor, TrustPolicy trustPolicy) {
        access.requireEverywhere(Action.UPDATE_REPOSITORY_CREATION_TEMPLATE);
        commands.send(prefix, new UpdateCreationTemplate(prefix, description, mutability, appliedFor, trustPolicy));
        return find(prefix);
    }

    /** @return the template as it was just before its deletion */
    public CreationTemplateSummary delete(TemplatePrefix prefix) {
        access.requireEverywhere(Action.DELETE_REPOSITORY_CREATION_TEMPLATE);
        List<CreationTemplateSummary> before = queries.ask(new ListCreationTemplates(List.of(prefix.value()), 1, null),
                CreationTemplatePage.class).items();
        commands.send(prefix, new DeleteCreationTemplate(prefix));
        return before.stream().findFirst().orElseThrow(() -> RegistryException.templateNotFound(prefix.value()));
    }

    public CreationTemplateSummary template(TemplatePrefix prefix) {
        access.requireEverywhere(Action.DESCRIBE_REPOSITORY_CREATION_TEMPLATES);
        return find(prefix);
    }

    /** The templates by prefix, those of {@code prefixes} only when some are given; a prefix with no template is left out. */
    public Page<CreationTemplateSummary> templates(List<TemplatePrefix> prefixes, PageRequest request) {
        access.requireEverywhere(Action.DESCRIBE_REPOSITORY_CREATION_TEMPLATES);
        List<String> values = prefixes.stream().map(TemplatePrefix::value).distinct().sorted().toList();
        String listing = "creation templates " + values;
        CreationTemplatePage page = queries.ask(new ListCreationTemplates(values, request.limit(), tokens.afterKey(listing, request)),
                CreationTemplatePage.class);
        return new Page<>(page.items(), tokens.next(listing, page.nextAfter()));
    }

    private CreationTemplateSummary find(TemplatePrefix prefix) {
        return queries.ask(new ListCreationTemplates(List.of(prefix.value()), 1, null), CreationTemplatePage.class).items().stream()
                .findFirst().orElseThrow(() -> RegistryException.templateNotFound(prefix.value()));
    }
}
