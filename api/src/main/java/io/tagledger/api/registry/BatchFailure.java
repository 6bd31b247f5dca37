package io.tagledger.api.registry;

import io.tagledger.domain.RegistryException;

/**
 * Why one entry of a batch failed, with ECR's failure code for it. A batch answers each entry on its
 * own: the others go on.
 *
 * @param reason the wording for the entry, or {@code null} where the refusal's own message is the reason
 */
public enum BatchFailure {
    IMAGE_NOT_FOUND("ImageNotFound", "Requested image not found"),
    TAG_DOES_NOT_MATCH_DIGEST("ImageTagDoesNotMatchDigest", "Invalid request parameters: given tag does not map to the given digest"),
    MISSING_DIGEST_AND_TAG("MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null"),
    INVALID_IMAGE_DIGEST("InvalidImageDigest", "Invalid request parameters: image digest should satisfy the regex 'sha256:[a-f0-9]{64}'"),
    INVALID_IMAGE_TAG("InvalidImageTag", null),
    TAG_PROTECTED("TagProtected", null);

    private final String code;
    private final String reason;

    BatchFailure(String code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public String code() {
        return code;
    }

    /** One entry that failed, and why. */
    public record Entry(ImageSelector selector, BatchFailure failure, String reason) {
    }

    Entry of(ImageSelector selector, String refusal) {
        return new Entry(selector, this, reason != null ? reason : refusal);
    }

    /** An entry's failure as a throwable, so that resolving an entry can stop at its first problem. */
    static final class Failed extends RuntimeException {
        final BatchFailure failure;

        Failed(BatchFailure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }

        static Failed of(BatchFailure failure) {
            return new Failed(failure, failure.reason);
        }

        /** The domain's refusals that fail one entry rather than the batch; any other is the batch's. */
        static Failed of(RegistryException refusal) {
            return switch (refusal.code()) {
                case IMAGE_NOT_FOUND -> of(IMAGE_NOT_FOUND);
                case IMAGE_TAG_DOES_NOT_MATCH_DIGEST -> of(TAG_DOES_NOT_MATCH_DIGEST);
                case TAG_PROTECTED -> new Failed(TAG_PROTECTED, refusal.getMessage());
                default -> throw refusal;
            };
        }

        Entry entry(ImageSelector selector) {
            return failure.of(selector, getMessage());
        }
    }
}
