package io.tagledger.domain;

/**
 * The catalogue of domain error codes. Each code is ECR's own exception name, so that every API
 * (REST problem+json, ECR's {@code __type}) reports the same, stable name for the same refusal.
 */
public enum ErrorCode {
    INVALID_PARAMETER("InvalidParameterException"),
    REPOSITORY_ALREADY_EXISTS("RepositoryAlreadyExistsException"),
    REPOSITORY_NOT_FOUND("RepositoryNotFoundException"),
    REPOSITORY_NOT_EMPTY("RepositoryNotEmptyException"),
    IMAGE_ALREADY_EXISTS("ImageAlreadyExistsException"),
    IMAGE_TAG_ALREADY_EXISTS("ImageTagAlreadyExistsException"),
    IMAGE_DIGEST_DOES_NOT_MATCH("ImageDigestDoesNotMatchException"),
    IMAGE_NOT_FOUND("ImageNotFoundException"),
    /** tagledger's own: strict tag protection forbids the change (see {@link TagProtection#STRICT}). */
    TAG_PROTECTED("TagProtectedException"),
    /** Not an exception in ECR but the failure code of its batch operations, for a tag that points elsewhere. */
    IMAGE_TAG_DOES_NOT_MATCH_DIGEST("ImageTagDoesNotMatchDigest");

    private final String ecrName;

    ErrorCode(String ecrName) {
        this.ecrName = ecrName;
    }

    public String ecrName() {
        return ecrName;
    }
}
