package io.tagledger.domain;

import org.axonframework.common.AxonNonTransientException;

/**
 * A refusal by the domain: invalid input or a broken rule. Non-transient, so that Axon's retry
 * scheduler never retries it. It carries the subject of the refusal (repository, tag, digest, field)
 * so that each API can word its message the way its clients expect.
 */
public class RegistryException extends AxonNonTransientException {

    private final Refusal rule;
    private final String repository;
    private final String tag;
    private final String digest;
    private final String field;

    private RegistryException(Refusal rule, String message, String repository, String tag, String digest, String field) {
        super(message);
        this.rule = rule;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
        this.field = field;
    }

    public static RegistryException invalidParameter(String field, String constraint) {
        return new RegistryException(Refusal.INVALID_PARAMETER, constraint, null, null, null, field);
    }

    public static RegistryException repositoryAlreadyExists(String repository) {
        return new RegistryException(Refusal.REPOSITORY_ALREADY_EXISTS,
                "The repository with name '" + repository + "' already exists", repository, null, null, null);
    }

    public static RegistryException repositoryNotFound(String repository) {
        return new RegistryException(Refusal.REPOSITORY_NOT_FOUND,
                "The repository with name '" + repository + "' does not exist", repository, null, null, null);
    }

    public static RegistryException repositoryNotEmpty(String repository) {
        return new RegistryException(Refusal.REPOSITORY_NOT_EMPTY,
                "The repository with name '" + repository + "' cannot be deleted because it still contains images",
                repository, null, null, null);
    }

    public static RegistryException imageAlreadyExists(String repository, String digest, String tag) {
        return new RegistryException(Refusal.IMAGE_ALREADY_EXISTS,
                "Image with digest '" + digest + "' and tag '" + (tag == null ? "" : tag)
                        + "' already exists in the repository with name '" + repository + "'",
                repository, tag, digest, null);
    }

    public static RegistryException imageTagAlreadyExists(String repository, String tag) {
        return new RegistryException(Refusal.IMMUTABLE_TAG_EXISTS,
                "The image tag '" + tag + "' already exists in the '" + repository
                        + "' repository and cannot be overwritten because the repository is immutable.",
                repository, tag, null, null);
    }

    public static RegistryException tagPublishedAsImmutable(String repository, String tag) {
        return new RegistryException(Refusal.TAG_PUBLISHED_AS_IMMUTABLE,
                "The image tag '" + tag + "' was published as immutable in the '" + repository
                        + "' repository and cannot point to other content, because the repository's tag protection is STRICT.",
                repository, tag, null, null);
    }

    public static RegistryException tagProtected(String repository, String tag, String change) {
        return new RegistryException(Refusal.PROTECTED_TAG_CHANGE,
                "The image tag '" + tag + "' in the '" + repository + "' repository is immutable and cannot be " + change
                        + ", because the repository's tag protection is STRICT.",
                repository, tag, null, null);
    }

    public static RegistryException strictProtectionIsFinal(String repository) {
        return new RegistryException(Refusal.STRICT_PROTECTION_IS_FINAL,
                "The tag protection of the '" + repository + "' repository is STRICT and cannot be turned off.",
                repository, null, null, "tagProtection");
    }

    public static RegistryException protectedRepository(String repository) {
        return new RegistryException(Refusal.PROTECTED_REPOSITORY,
                "The '" + repository + "' repository has published immutable tags under STRICT tag protection and cannot be deleted.",
                repository, null, null, null);
    }

    public static RegistryException imageDigestDoesNotMatch(String repository, String expected, String actual) {
        return new RegistryException(Refusal.DIGEST_DOES_NOT_MATCH,
                "The supplied image digest '" + expected + "' does not match the digest '" + actual
                        + "' computed from the manifest",
                repository, null, expected, "imageDigest");
    }

    public static RegistryException tagNotFound(String repository, String tag) {
        return new RegistryException(Refusal.TAG_NOT_FOUND,
                "The image tag '" + tag + "' does not exist in the repository with name '" + repository + "'",
                repository, tag, null, null);
    }

    public static RegistryException tagDoesNotMatchDigest(String repository, String tag, String digest) {
        return new RegistryException(Refusal.TAG_DOES_NOT_MATCH_DIGEST,
                "The image tag '" + tag + "' does not point to the image with digest '" + digest + "'",
                repository, tag, digest, null);
    }

    public static RegistryException imageNotFound(String repository, String digest) {
        return new RegistryException(Refusal.IMAGE_NOT_FOUND,
                "The image with digest '" + digest + "' does not exist in the repository with name '" + repository + "'",
                repository, null, digest, null);
    }

    public ErrorCode code() {
        return rule.code();
    }

    /** The rule that refused; several share a code. */
    public Refusal rule() {
        return rule;
    }

    public String repository() {
        return repository;
    }

    public String tag() {
        return tag;
    }

    public String digest() {
        return digest;
    }

    /** The request member the refusal is about, or {@code null} when it is about state, not input. */
    public String field() {
        return field;
    }
}
