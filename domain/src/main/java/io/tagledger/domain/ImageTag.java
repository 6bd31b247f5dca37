package io.tagledger.domain;

import java.util.regex.Pattern;

/** An image tag in the OCI distribution grammar: 1 to 128 characters. */
public record ImageTag(String value) {

    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    public ImageTag {
        if (value == null || value.isEmpty()) {
            throw RegistryException.invalidParameter("imageTag", "Member must have length greater than or equal to 1");
        }
        if (value.length() > 128) {
            throw RegistryException.invalidParameter("imageTag", "Member must have length less than or equal to 128");
        }
        if (!TAG.matcher(value).matches()) {
            throw RegistryException.invalidParameter("imageTag",
                    "Member must satisfy regular expression pattern: " + TAG.pattern());
        }
    }

    public static ImageTag parse(String text) {
        return new ImageTag(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
