package io.tagledger.api.security;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.domain.Wildcard;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each identity may do, from {@code tagledger.security.grants}: a grant gives actions to
 * principals and groups, on repositories whose names match its patterns (ECR's wildcard syntax).
 * Nothing is allowed that no grant gives. In open mode (no identity configured), everything is.
 */
@Component
public class Policy {

    /** A pattern may use what a repository name may, and {@code *}. */
    private static final Pattern REPOSITORY_PATTERN = Pattern.compile("[a-z0-9._/*-]{1,256}");
    /** A pattern may use what a tag may, and {@code *}. */
    private static final Pattern TAG_PATTERN = Pattern.compile("[a-zA-Z0-9._*-]{1,128}");
    /** The actions a grant's tags narrow: those that move or remove a tag. */
    private static final Set<Action> TAG_ACTIONS = EnumSet.of(Action.PUT_IMAGE, Action.BATCH_DELETE_IMAGE, Action.RELEASE_TAG);

    private final boolean open;
    private final List<Grant> grants;

    Policy(TagledgerProperties properties, Identities identities) {
        this.open = !identities.configured();
        List<TagledgerProperties.Security.Grant> configured = properties.security().grants();
        this.grants = configured.stream().map(grant -> Grant.of(grant, configured.indexOf(grant))).toList();
    }

    public boolean isOpen() {
        return open;
    }

    /**
     * Whether the identity may perform the action on the repository, for some tags at least: what moves no
     * tag (a blob's upload, an untagged push) needs no more.
     */
    public boolean allows(Identity identity, Action action, String repository) {
        return open || grants.stream().anyMatch(grant -> grant.appliesTo(identity, action) && grant.covers(repository));
    }

    /** Whether the identity may perform the action on this tag of the repository: a grant's tags narrow what moves a tag. */
    public boolean allows(Identity identity, Action action, String repository, String tag) {
        return open || grants.stream().anyMatch(grant -> grant.appliesTo(identity, action) && grant.covers(repository)
                && (grant.tags().isEmpty() || !TAG_ACTIONS.contains(action)
                        || grant.tags().stream().anyMatch(pattern -> Wildcard.matches(pattern, tag))));
    }

    /** Whether the identity may perform the action on every repository, those still to come included. */
    public boolean allowsEverywhere(Identity identity, Action action) {
        return open || grants.stream().anyMatch(grant -> grant.appliesTo(identity, action) && grant.repositories().contains("*"));
    }

    /** Whether the identity may perform the action on some repository. */
    public boolean allowsSomewhere(Identity identity, Action action) {
        return open || grants.stream().anyMatch(grant -> grant.appliesTo(identity, action));
    }

    private record Grant(Set<String> principals, Set<String> groups, Set<Action> actions, List<String> repositories, List<String> tags) {

        static Grant of(TagledgerProperties.Security.Grant grant, int index) {
            String property = "tagledger.security.grants[" + index + "]";
            Set<Action> actions = EnumSet.noneOf(Action.class);
            for (String name : grant.actions()) {
                try {
                    actions.addAll(name.equals("*") ? EnumSet.allOf(Action.class) : Set.of(Action.parse(name)));
                } catch (IllegalArgumentException unknown) {
                    throw new IllegalArgumentException(property + ".actions: " + unknown.getMessage());
                }
            }
            for (String pattern : grant.repositories()) {
                if (!REPOSITORY_PATTERN.matcher(pattern).matches()) {
                    throw new IllegalArgumentException(property + ".repositories must be repository names or patterns of "
                            + REPOSITORY_PATTERN.pattern() + ", not " + pattern);
                }
            }
            for (String pattern : grant.tags()) {
                if (!TAG_PATTERN.matcher(pattern).matches()) {
                    throw new IllegalArgumentException(property + ".tags must be tags or patterns of " + TAG_PATTERN.pattern() + ", not " + pattern);
                }
            }
            if (grant.principals().isEmpty() && grant.groups().isEmpty()) {
                throw new IllegalArgumentException(property + " must name principals or groups");
            }
            return new Grant(Set.copyOf(grant.principals()), Set.copyOf(grant.groups()), actions, grant.repositories(), grant.tags());
        }

        boolean covers(String repository) {
            return repositories.stream().anyMatch(pattern -> Wildcard.matches(pattern, repository));
        }

        boolean appliesTo(Identity identity, Action action) {
            return !identity.isAnonymous() && actions.contains(action)
                    && (principals.contains(identity.principal()) || identity.groups().stream().anyMatch(groups::contains));
        }
    }
}
