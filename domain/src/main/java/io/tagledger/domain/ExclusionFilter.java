package io.tagledger.domain;

import java.util.regex.Pattern;

/**
 * An ECR wildcard exclusion filter: 1 to 128 characters of {@code [0-9a-zA-Z._*-]}, where {@code *}
 * matches any run of characters and the pattern must match the whole tag.
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
        return globMatches(pattern, 0, tag, 0);
    }

    // Iterative glob match with single backtracking point: linear in practice, no regex compilation per push.
    private static boolean globMatches(String glob, int g, String text, int t) {
        int starAt = -1;
        int textAtStar = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                starAt = g++;
                textAtStar = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (starAt >= 0) {
                g = starAt + 1;
                t = ++textAtStar;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
