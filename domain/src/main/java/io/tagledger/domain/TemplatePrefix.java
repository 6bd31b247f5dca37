package io.tagledger.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.regex.Pattern;

/**
 * The prefix of a repository creation template, as ECR has it: {@code ROOT}, which matches every
 * repository name, or a namespace of lower-case path components, which matches the names under it.
 * ECR assumes a {@code /} at its end: {@code prod} matches {@code prod/app}, not {@code prod} nor
 * {@code production}. A trailing {@code /} given is dropped, so {@code prod/} and {@code prod} are one prefix.
 */
public record TemplatePrefix(String value) {

    public static final String ROOT = "ROOT";
    public static final int MAX_LENGTH = 256;
    private static final String AGGREGATE = "template:";
    private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern PREFIX = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*/?|" + ROOT);

    public TemplatePrefix {
        if (value == null) {
            throw RegistryException.invalidParameter("prefix", "Member must not be null");
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw RegistryException.invalidParameter("prefix", "Member must have length between 1 and " + MAX_LENGTH);
        }
        if (!PREFIX.matcher(value).matches()) {
            throw RegistryException.invalidParameter("prefix", "Member must satisfy regular expression pattern: " + PREFIX.pattern());
        }
        value = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    public static TemplatePrefix parse(String text) {
        return new TemplatePrefix(text);
    }

    /** Not a member: commands that carry a prefix are serialized when they are forwarded to another node. */
    @JsonIgnore
    public boolean isRoot() {
        return ROOT.equals(value);
    }

    /** Whether a repository of this name is created from a template of this prefix, if no longer prefix matches it. */
    public boolean matches(String repositoryName) {
        return isRoot() || repositoryName.startsWith(value + "/");
    }

    /** How specific the prefix is: the longest matching prefix wins, and {@code ROOT} only when no other matches. */
    public int specificity() {
        return isRoot() ? 0 : value.length();
    }

    /** The identifier of the template's aggregate: no repository name has a {@code :}, so it never names a repository's. */
    public String aggregateIdentifier() {
        return AGGREGATE + value;
    }

    /** Whether an aggregate identifier is a template's rather than a repository's. */
    public static boolean isAggregateIdentifier(String identifier) {
        return identifier != null && identifier.startsWith(AGGREGATE);
    }

    /** The prefix of a template's aggregate identifier. */
    public static TemplatePrefix ofAggregateIdentifier(String identifier) {
        return parse(identifier.substring(AGGREGATE.length()));
    }

    /** Axon takes the aggregate identifier from {@code toString()}. */
    @Override
    public String toString() {
        return aggregateIdentifier();
    }
}
