package io.tagledger.api.registry;

import io.tagledger.api.security.Action;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.ResourceTags;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.CreateRepositoryOnPush;
import io.tagledger.domain.command.DeleteRepository;
import io.tagledger.domain.command.SetImageScanning;
import io.tagledger.domain.command.SetTagMutability;
import io.tagledger.domain.command.TagRepository;
import io.tagledger.domain.command.UntagRepository;
import io.tagledger.query.messages.CreationTemplateSummary;
import io.tagledger.query.messages.FindCreationTemplateFor;
import io.tagledger.query.messages.FindRepository;
import io.tagledger.query.messages.FindRepositoryAsOf;
import io.tagledger.query.messages.FindRepositorySettings;
import io.tagledger.query.messages.ListRepositories;
import io.tagledger.query.messages.RepositoryPage;
import io.tagledger.query.messages.RepositorySettings;
import io.tagledger.query.messages.RepositorySettingsList;
import io.tagledger.query.messages.RepositorySummary;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.tagledger.api.registry.RegistryQueries.notFound;
import static io.tagledger.api.registry.RegistryQueries.past;

/**
 * What users do with repositories, for every API: create, describe, list, set tag mutability, delete.
 * Writes answer once the views show them (read-your-writes, in {@link RegistryCommands}). A push to a
 * name that does not exist creates it from the repository creation template that matches it, if any
 * ({@link #forPush}).
 */
@Component
public class Repositories {

    private final RegistryCommands commands;
    private final RegistryQueries queries;
    private final PageTokens tokens;
    private final Access access;

    Repositories(RegistryCommands commands, RegistryQueries queries, PageTokens tokens, Access access) {
        this.commands = commands;
        this.queries = queries;
        this.tokens = tokens;
        this.access = access;
    }

    /** @param protection {@code null} for NONE; @param repush {@code null} for REFUSE, as ECR */
    public RepositorySummary create(RepositoryName name, TagMutability mutability, TagProtection protection, TagRepush repush) {
        return create(new CreateRepository(name, mutability, protection, repush));
    }

    /** With the settings beyond the tag rules, as ECR's {@code CreateRepository} gives them. */
    public RepositorySummary create(CreateRepository command) {
        access.require(Action.CREATE_REPOSITORY, command.name());
        if (!command.tags().isEmpty()) {
            access.require(Action.TAG_RESOURCE, command.name());
        }
        commands.send(command.name(), command);
        return queries.repository(command.name());
    }

    /** The settings of the repositories among {@code names} that exist, by name: no access is checked, the caller had it. */
    public Map<String, RepositorySettings> settings(List<String> names) {
        return queries.ask(new FindRepositorySettings(names), RepositorySettingsList.class).items().stream()
                .collect(Collectors.toMap(RepositorySettings::repositoryName, settings -> settings));
    }

    /** For an operation on the registry as a whole: the caller must have the action on some repository. */
    public void requireSomewhere(Action action) {
        access.requireSomewhere(action);
    }

    public void tag(RepositoryName name, ResourceTags tags) {
        access.require(Action.TAG_RESOURCE, name);
        commands.send(name, new TagRepository(name, tags));
    }

    public void untag(RepositoryName name, List<String> keys) {
        access.require(Action.UNTAG_RESOURCE, name);
        commands.send(name, new UntagRepository(name, keys));
    }

    public Map<String, String> resourceTags(RepositoryName name) {
        access.require(Action.LIST_TAGS_FOR_RESOURCE, name);
        return settings(name).resourceTags();
    }

    public RepositorySettings setImageScanning(RepositoryName name, boolean scanOnPush) {
        access.require(Action.PUT_IMAGE_SCANNING_CONFIGURATION, name);
        commands.send(name, new SetImageScanning(name, scanOnPush));
        return settings(name);
    }

    private RepositorySettings settings(RepositoryName name) {
        return Optional.ofNullable(settings(List.of(name.value())).get(name.value())).orElseThrow(() -> notFound(name));
    }

    /** @param protection the new protection, or {@code null} to keep it; @param repush likewise */
    public RepositorySummary setTagMutability(RepositoryName name, TagMutability mutability, TagProtection protection,
                                              TagRepush repush) {
        access.require(Action.PUT_IMAGE_TAG_MUTABILITY, name);
        commands.send(name, new SetTagMutability(name, mutability, protection, repush));
        return queries.repository(name);
    }

    /**
     * @return the repository as it was just before its deletion. The command decides, so that a refused
     * deletion (a repository that does not exist, or is not empty) is in the audit trail like any refusal.
     */
    public RepositorySummary delete(RepositoryName name, boolean force) {
        access.require(Action.DELETE_REPOSITORY, name);
        Optional<RepositorySummary> before = queries.find(new FindRepository(name.value()), RepositorySummary.class);
        commands.send(name, new DeleteRepository(name, force));
        return before.orElseThrow(() -> notFound(name));
    }

    /**
     * Makes sure the repository a push (of a blob or a manifest) goes into exists: the one of that name, or
     * one that the matching repository creation template makes, which the caller needs
     * {@code ecr:CreateRepository} for. Of pushes that race to a new name, one creates it
     * ({@link CreateRepositoryOnPush}). With no template that matches, the repository is not found.
     */
    void forPush(RepositoryName name) {
        if (queries.exists(name)) {
            return;
        }
        CreationTemplateSummary template = queries.find(new FindCreationTemplateFor(name.value()), CreationTemplateSummary.class)
                .orElseThrow(() -> notFound(name));
        access.require(Action.CREATE_REPOSITORY, name);
        commands.send(name, new CreateRepositoryOnPush(name, TemplatePrefix.parse(template.prefix()),
                TagMutability.of(template.imageTagMutability(), template.exclusionFilters()), template.trustPolicy()));
    }

    /** Whether a push may go to this name: the repository exists, or a template would create it. */
    boolean acceptsPushes(RepositoryName name) {
        return queries.exists(name) || queries.find(new FindCreationTemplateFor(name.value()), CreationTemplateSummary.class).isPresent();
    }

    /** The repository now, or as it was at {@code asOf}. */
    public RepositorySummary repository(RepositoryName name, Instant asOf) {
        access.require(Action.DESCRIBE_REPOSITORIES, name);
        return asOf == null ? queries.repository(name) : asOf(name, asOf);
    }

    public Page<RepositorySummary> repositories(PageRequest request) {
        return repositories(null, request);
    }

    /** The repositories the caller may describe whose name contains {@code nameContains}, ignoring case (all without it). */
    public Page<RepositorySummary> repositories(String nameContains, PageRequest request) {
        access.requireSomewhere(Action.DESCRIBE_REPOSITORIES);
        String part = nameContains == null || nameContains.isEmpty() ? null : nameContains;
        if (part != null && part.length() > RepositoryName.MAX_LENGTH) {
            throw RegistryException.invalidParameter("nameContains",
                    "Member must have length less than or equal to " + RepositoryName.MAX_LENGTH);
        }
        String listing = part == null ? "repositories" : "repositories containing " + part;
        RepositoryPage page = queries.ask(new ListRepositories(request.limit(), tokens.afterKey(listing, request), part),
                RepositoryPage.class);
        return new Page<>(page.items().stream().filter(repository -> access.allows(Action.DESCRIBE_REPOSITORIES, repository.name()))
                .toList(), tokens.next(listing, page.nextAfter()));
    }

    /** The repositories the caller may describe, by name, after {@code last}: the registry API's catalog. */
    public Names names(int limit, String last) {
        access.requireSomewhere(Action.DESCRIBE_REPOSITORIES);
        RepositoryPage page = queries.ask(new ListRepositories(limit, last), RepositoryPage.class);
        return new Names(page.items().stream().map(RepositorySummary::name)
                .filter(repository -> access.allows(Action.DESCRIBE_REPOSITORIES, repository)).toList(), page.nextAfter() != null);
    }

    /** The repository as it was at {@code at}; one that did not exist then is not found. */
    RepositorySummary asOf(RepositoryName name, Instant at) {
        return queries.find(new FindRepositoryAsOf(name.value(), past("asOf", at)), RepositorySummary.class)
                .orElseThrow(() -> notFound(name));
    }
}
