package io.tagledger.domain;

/**
 * ECR's wildcard syntax, as its tag mutability exclusion filters use it: {@code *} matches any run of
 * characters (none included), every other character itself, and the pattern must match the whole text.
 */
public final class Wildcard {

    private Wildcard() {
    }

    // Iterative glob match with a single backtracking point: linear in practice, no regex compiled per match.
    public static boolean matches(String glob, String text) {
        int g = 0;
        int t = 0;
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
