package io.tagledger.domain;

/**
 * Every rule by which the domain refuses a command or an input, each with the code it answers. Several
 * rules share a code (ECR has one name for both immutability refusals), so a refusal names its rule too,
 * and a test can tell which rule fired.
 */
public enum Refusal {
    INVALID_PARAMETER(ErrorCode.INVALID_PARAMETER),
    REPOSITORY_ALREADY_EXISTS(ErrorCode.REPOSITORY_ALREADY_EXISTS),
    REPOSITORY_NOT_FOUND(ErrorCode.REPOSITORY_NOT_FOUND),
    REPOSITORY_NOT_EMPTY(ErrorCode.REPOSITORY_NOT_EMPTY),
    IMAGE_ALREADY_EXISTS(ErrorCode.IMAGE_ALREADY_EXISTS),
    /** An immutable tag that exists cannot point to other content (ECR's rule). */
    IMMUTABLE_TAG_EXISTS(ErrorCode.IMAGE_TAG_ALREADY_EXISTS),
    /** Under STRICT protection, a tag once published as immutable never points to other content, even after its image is gone. */
    TAG_PUBLISHED_AS_IMMUTABLE(ErrorCode.IMAGE_TAG_ALREADY_EXISTS),
    /** Under STRICT protection, an immutable tag can be neither untagged nor deleted. */
    PROTECTED_TAG_CHANGE(ErrorCode.TAG_PROTECTED),
    /** STRICT protection cannot be turned off. */
    STRICT_PROTECTION_IS_FINAL(ErrorCode.TAG_PROTECTED),
    /** A repository that published immutable tags under STRICT protection cannot be deleted. */
    PROTECTED_REPOSITORY(ErrorCode.TAG_PROTECTED),
    DIGEST_DOES_NOT_MATCH(ErrorCode.IMAGE_DIGEST_DOES_NOT_MATCH),
    TAG_NOT_FOUND(ErrorCode.IMAGE_NOT_FOUND),
    IMAGE_NOT_FOUND(ErrorCode.IMAGE_NOT_FOUND),
    TAG_DOES_NOT_MATCH_DIGEST(ErrorCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST);

    private final ErrorCode code;

    Refusal(ErrorCode code) {
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
