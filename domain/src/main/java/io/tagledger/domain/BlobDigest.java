package io.tagledger.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The digest of a blob (a layer, a config), as the descriptor specification's grammar writes it. The
 * registry stores the registered algorithms ({@link #isSupported()}): {@code sha256} with 64 or
 * {@code sha512} with 128 lower-case hex digits. The image specification lets content use sha512;
 * manifests keep ECR's sha256 ({@link ImageDigest}). A well-formed digest of another algorithm names
 * no blob stored here.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI descriptor digests</a>
 */
public record BlobDigest(String value) {

    /** The descriptor specification's grammar, of any algorithm. */
    public static final String PATTERN = "[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+";
    private static final Pattern WELL_FORMED = Pattern.compile(PATTERN);
    private static final Pattern SUPPORTED = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");
    private static final int MAX_LENGTH = 1024;
    private static final Map<String, String> JAVA_ALGORITHMS = Map.of("sha256", "SHA-256", "sha512", "SHA-512");

    public BlobDigest {
        // A registered algorithm's digest must have its own encoding, as the specification says.
        if (value == null || value.length() > MAX_LENGTH || !WELL_FORMED.matcher(value).matches()
                || JAVA_ALGORITHMS.containsKey(value.substring(0, value.indexOf(':'))) && !SUPPORTED.matcher(value).matches()) {
            throw RegistryException.invalidParameter("digest", "Member must satisfy regular expression pattern: " + PATTERN);
        }
    }

    public static BlobDigest parse(String text) {
        return new BlobDigest(text);
    }

    /** Whether the text is a digest of an algorithm the registry stores. */
    public static boolean isDigest(String text) {
        return text != null && SUPPORTED.matcher(text).matches();
    }

    /** Whether the registry stores blobs of this digest's algorithm: {@code sha256} and {@code sha512}. */
    public boolean isSupported() {
        return SUPPORTED.matcher(value).matches();
    }

    /** A supported digest; another is refused as an invalid parameter. */
    public BlobDigest requireSupported() {
        if (!isSupported()) {
            throw RegistryException.invalidParameter("digest", "Member must be a sha256 digest of 64, or a sha512 digest of 128, "
                    + "lower-case hex digits");
        }
        return this;
    }

    /** The algorithm's name, before the colon. */
    public String algorithm() {
        return value.substring(0, value.indexOf(':'));
    }

    /** The hex digits after the algorithm. */
    public String hex() {
        return value.substring(value.indexOf(':') + 1);
    }

    /** A fresh hash of this digest's algorithm, which must be supported. */
    public MessageDigest newHash() {
        requireSupported();
        try {
            return MessageDigest.getInstance(JAVA_ALGORITHMS.get(algorithm()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 and SHA-512 are required by every Java platform", e);
        }
    }

    /** The digest of this algorithm that a finished hash gives. */
    public String of(MessageDigest hash) {
        return algorithm() + ":" + HexFormat.of().formatHex(hash.digest());
    }

    @Override
    public String toString() {
        return value;
    }
}
