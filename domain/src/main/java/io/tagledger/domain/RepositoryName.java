package io.tagledger.domain;

import java.util.regex.Pattern;

/**
 * A repository name as ECR accepts it since it follows the OCI distribution grammar: 2 to 256
 * characters, lower-case path components separated by {@code /}.
 */
public record RepositoryName(String value) {

    public static final int MAX_LENGTH = 256;

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern NAME = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");

    public RepositoryName {
        if (value == null) {
            throw RegistryException.invalidParameter("repositoryName", "Member must not be null");
        }
        if (value.length() < 2 || value.length() > MAX_LENGTH) {
            throw RegistryException.invalidParameter("repositoryName",
                    "Member must have length between 2 and " + MAX_LENGTH);
        }
        if (!NAME.matcher(value).matches()) {
            throw RegistryException.invalidParameter("repositoryName",
                    "Member must satisfy regular expression pattern: " + NAME.pattern());
        }
    }

    public static RepositoryName parse(String text) {
        return new RepositoryName(text);
    }

    /** Axon takes the aggregate identifier from {@code toString()}. */
    @Override
    public String toString() {
        return value;
    }
}
