package io.tagledger.domain;

import java.util.regex.Pattern;

/**
 * An ECR wildcard exclusion filter: 1 to 128 characters of {@code [0-9a-zA-Z._*-]}, in ECR's
 * {@link Wildcard} syntax.
 */
public record ExclusionFilter(String pattern) {

    private static final Pattern FILTER = Pattern.compile("[0-9a-zA-Z._*-]{1,128}");

    public ExclusionFilter {
        if (pattern == null || !FILTER.matcher(pattern).matches()) {
            throw RegistryException.invalidParameter("imageTagMutabilityExclusionFilters.filter",
                    "Member must satisfy regular expression pattern: " + FILTER.pattern());
        }
    }

    public static ExclusionFilter parse(String text) {
        return new ExclusionFilter(text);
    }

    public boolean matches(String tag) {
        return Wildcard.matches(pattern, tag);
    }
}
