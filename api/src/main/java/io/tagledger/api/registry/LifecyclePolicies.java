package io.tagledger.api.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tagledger.api.caller.Caller;
import io.tagledger.api.caller.CallerMetadata;
import io.tagledger.api.nodes.Ownership;
import io.tagledger.api.nodes.Route;
import io.tagledger.api.security.Action;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.command.ApplyLifecyclePolicy;
import io.tagledger.domain.command.DeleteLifecyclePolicy;
import io.tagledger.domain.command.PreviewLifecyclePolicy;
import io.tagledger.domain.command.PutLifecyclePolicy;
import io.tagledger.domain.lifecycle.LifecycleExpiry;
import io.tagledger.domain.lifecycle.LifecycleImage;
import io.tagledger.domain.lifecycle.LifecyclePolicy;
import io.tagledger.query.messages.FindRepositorySettings;
import io.tagledger.query.messages.ImagePage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ListImagesAsOf;
import io.tagledger.query.messages.ListLifecyclePolicies;
import io.tagledger.query.messages.RepositoryNames;
import io.tagledger.query.messages.RepositorySettings;
import io.tagledger.query.messages.RepositorySettingsList;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lifecycle policies, for every API: set, read, delete, preview and apply. The repository decides each
 * (the aggregate parses, evaluates and expires), so that a preview now is exactly what applying would
 * do now. Beyond ECR, a preview at a past instant reads the registry's history instead
 * ({@link #previewAt}).
 */
@Component
public class LifecyclePolicies {

    /** Who the trail says expired an image on the schedule: the policy, not a person. */
    public static final String SCHEDULE = "tagledger:lifecycle-policy";
    private static final Logger log = LoggerFactory.getLogger(LifecyclePolicies.class);
    /** How many repositories' previews a node keeps, the oldest started forgotten first. */
    private static final int KEPT_PREVIEWS = 1000;
    private static final int PAGE = 1000;
    private static final TypeReference<List<LifecycleExpiry>> EXPIRIES = new TypeReference<>() {
    };

    private final RegistryCommands commands;
    private final RegistryQueries queries;
    private final Repositories repositories;
    private final Access access;
    private final Ownership ownership;
    private final Map<String, Preview> previews = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Preview> eldest) {
            return size() > KEPT_PREVIEWS;
        }
    };

    LifecyclePolicies(RegistryCommands commands, RegistryQueries queries, Repositories repositories, Access access, Ownership ownership) {
        this.ownership = ownership;
        this.commands = commands;
        this.queries = queries;
        this.repositories = repositories;
        this.access = access;
    }

    /** A policy's text, and when it was set. */
    public record Kept(String text, Instant setAt) {
    }

    /** What a policy expires (or would) at an instant, oldest first. */
    public record Preview(String text, Instant at, List<LifecycleExpiry> expiries) {
    }

    public Kept put(RepositoryName name, String text) {
        access.require(Action.PUT_LIFECYCLE_POLICY, name);
        commands.send(name, new PutLifecyclePolicy(name, text));
        return get(name, false);
    }

    public Kept get(RepositoryName name) {
        access.require(Action.GET_LIFECYCLE_POLICY, name);
        return get(name, true);
    }

    private Kept get(RepositoryName name, boolean required) {
        RepositorySettings settings = settings(name);
        if (settings.lifecyclePolicyText() == null && required) {
            throw RegistryException.lifecyclePolicyNotFound(name.value());
        }
        return new Kept(settings.lifecyclePolicyText(), settings.lifecyclePolicySetAt());
    }

    /** @return the policy as it was just before its deletion */
    public Kept delete(RepositoryName name) {
        access.require(Action.DELETE_LIFECYCLE_POLICY, name);
        Instant setAt = queries.ask(FindRepositorySettings.of(name.value()), RepositorySettingsList.class).items().stream()
                .findFirst().map(RepositorySettings::lifecyclePolicySetAt).orElse(null);
        String text = commands.send(name, new DeleteLifecyclePolicy(name));
        return new Kept(text, setAt);
    }

    /**
     * Previews, now, what the policy given (or, with none, the repository's own) would expire, and keeps the
     * result for {@link #preview}, as ECR's {@code StartLifecyclePolicyPreview} does.
     */
    public Preview startPreview(RepositoryName name, String text) {
        access.require(Action.START_LIFECYCLE_POLICY_PREVIEW, name);
        // The instant the repository evaluates at: the events' clock.
        Instant at = GenericEventMessage.clock.instant();
        List<LifecycleExpiry> expiries = commands.send(name, new PreviewLifecyclePolicy(name, text), EXPIRIES);
        Preview preview = new Preview(text != null ? text : get(name, true).text(), at, expiries);
        synchronized (previews) {
            previews.put(name.value(), preview);
        }
        return preview;
    }

    /** The last preview started on this node for the repository. */
    public Preview preview(RepositoryName name) {
        access.require(Action.GET_LIFECYCLE_POLICY_PREVIEW, name);
        queries.requireExists(name);
        synchronized (previews) {
            Preview preview = previews.get(name.value());
            if (preview == null) {
                throw RegistryException.of(Refusal.LIFECYCLE_POLICY_PREVIEW_NOT_FOUND, "repository", name.value());
            }
            return preview;
        }
    }

    /**
     * What the policy given (or the repository's own) would have expired at a past instant, from the
     * registry's history: the images and tags as they were then, pushes counted by their event time, and
     * the tag rules of the repository then keeping STRICT and SEALED tags. A release is not counted, and
     * neither is a tag sealed under rules the repository no longer had then.
     */
    public Preview previewAt(RepositoryName name, String text, Instant at) {
        access.require(Action.START_LIFECYCLE_POLICY_PREVIEW, name);
        LifecyclePolicy policy = LifecyclePolicy.parse(text != null ? text : get(name, true).text());
        RepositorySummary then = repositories.asOf(name, at);
        TagMutability mutability = TagMutability.of(then.imageTagMutability(), then.exclusionFilters());
        List<LifecycleImage> images = new ArrayList<>();
        String after = null;
        do {
            ImagePage page = queries.find(new ListImagesAsOf(name.value(), TagStatus.ANY, PAGE, after, at), ImagePage.class)
                    .orElseThrow(() -> RegistryQueries.notFound(name));
            for (ImageSummary image : page.items()) {
                String kept = image.tags().stream().filter(tag -> then.tagProtection().protects(mutability, tag)
                        || then.tagProtection().seals(mutability, tag)).findFirst().orElse(null);
                images.add(new LifecycleImage(image.digest(), new HashSet<>(image.tags()), image.pushedAt(), kept));
            }
            after = page.nextAfter();
        } while (after != null);
        return new Preview(policy.text(), at, policy.evaluate(images, at));
    }

    /** One round of the schedule on this node: the repositories whose policies it applied, and the images they expired. */
    public record Round(List<String> applied, int expired) {
    }

    /**
     * Applies, now, the policies of the repositories this node decides for, as the schedule does each
     * round ({@code tagledger.lifecycle.interval}); for operators, who must have the action on every repository.
     */
    public Round applyHere() {
        access.requireEverywhere(Action.APPLY_LIFECYCLE_POLICY);
        return round();
    }

    /**
     * A round: each repository with a policy that this node decides for has it applied, so that with
     * several nodes each policy is applied once a round. The expiries are recorded with the principal
     * {@link #SCHEDULE}.
     */
    Round round() {
        List<String> applied = new ArrayList<>();
        int expired = 0;
        String after = null;
        List<String> names;
        do {
            names = queries.ask(new ListLifecyclePolicies(after, PAGE), RepositoryNames.class).names();
            for (String name : names) {
                if (ownership.route(name) instanceof Route.Here) {
                    try {
                        RepositoryName repository = RepositoryName.parse(name);
                        List<LifecycleExpiry> expiries = CallerMetadata.forwarded(Map.of(Caller.PRINCIPAL, SCHEDULE, Caller.API, "lifecycle"),
                                () -> commands.send(repository, new ApplyLifecyclePolicy(repository), EXPIRIES));
                        applied.add(name);
                        expired += expiries.size();
                    } catch (RegistryException e) {
                        // Deleted, or its policy removed, since the view listed it.
                        log.debug("The lifecycle policy of {} was not applied: {}", name, e.getMessage());
                    }
                }
                after = name;
            }
        } while (names.size() == PAGE);
        return new Round(applied, expired);
    }

    /** Applies the repository's policy now. */
    public List<LifecycleExpiry> apply(RepositoryName name) {
        access.require(Action.APPLY_LIFECYCLE_POLICY, name);
        return commands.send(name, new ApplyLifecyclePolicy(name), EXPIRIES);
    }

    private RepositorySettings settings(RepositoryName name) {
        return queries.ask(FindRepositorySettings.of(name.value()), RepositorySettingsList.class).items().stream().findFirst()
                .orElseThrow(() -> RegistryQueries.notFound(name));
    }
}
