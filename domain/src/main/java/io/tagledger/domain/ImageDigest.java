package io.tagledger.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest: {@code sha256:} and 64 lower-case hex digits of the exact manifest bytes. */
public record ImageDigest(String value) {

    public static final String PATTERN = "sha256:[a-f0-9]{64}";
    private static final Pattern DIGEST = Pattern.compile(PATTERN);

    public ImageDigest {
        if (value == null || !DIGEST.matcher(value).matches()) {
            throw RegistryException.invalidParameter("imageDigest",
                    "Member must satisfy regular expression pattern: " + PATTERN);
        }
    }

    public static ImageDigest parse(String text) {
        return new ImageDigest(text);
    }

    public static boolean isDigest(String text) {
        return text != null && DIGEST.matcher(text).matches();
    }

    public static ImageDigest of(byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return new ImageDigest("sha256:" + HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
