package io.tagledger.domain;

import java.util.regex.Pattern;

/**
 * An ECR wildcard exclusion filter: 1 to 128 characters of {@code [0-9a-zA-Z._*-]}, in ECR's
 * {@link Wildcard} syntax.
 */
public record ExclusionFilter(String pattern) {

    public static final String PATTERN = "[0-9a-zA-Z._*-]{1,128}";
    private static final Pattern FILTER = Pattern.compile(PATTERN);

    public ExclusionFilter {
        if (pattern == null || !FILTER.matcher(pattern).matches()) {
            throw RegistryException.invalidParameter("imageTagMutabilityExclusionFilters.filter",
                    "Member must satisfy regular expression pattern: " + FILTER.pattern());
        }
    }

    public static boolean isValid(String text) {
        return text != null && FILTER.matcher(text).matches();
    }

    public static ExclusionFilter parse(String text) {
        return new ExclusionFilter(text);
    }

    public boolean matches(String tag) {
        return Wildcard.matches(pattern, tag);
    }
}
