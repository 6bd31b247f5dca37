package io.tagledger.api.registry;

import io.tagledger.domain.ErrorCode;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;

/**
 * One entry of a batch that failed, with ECR's failure code and reason for it. A batch answers each
 * entry on its own: the others go on.
 */
public record BatchFailure(ImageSelector selector, ErrorCode code, String reason) {

    /** Whether a refusal fails one entry of a batch; any other fails the whole batch. */
    static boolean failsOneEntry(RegistryException refusal) {
        return switch (refusal.rule()) {
            case BATCH_IMAGE_NOT_FOUND, BATCH_TAG_DOES_NOT_MATCH_DIGEST, BATCH_MISSING_DIGEST_AND_TAG, BATCH_INVALID_IMAGE_DIGEST,
                 BATCH_INVALID_IMAGE_TAG, IMAGE_NOT_FOUND, TAG_NOT_FOUND, TAG_DOES_NOT_MATCH_DIGEST, PROTECTED_TAG_CHANGE -> true;
            default -> false;
        };
    }

    /** The entry's failure, as ECR reports it; a refusal that does not fail one entry alone is thrown. */
    static BatchFailure of(ImageSelector selector, RegistryException refusal) {
        if (!failsOneEntry(refusal)) {
            throw refusal;
        }
        return switch (refusal.rule()) {
            case IMAGE_NOT_FOUND, TAG_NOT_FOUND -> of(selector, RegistryException.of(Refusal.BATCH_IMAGE_NOT_FOUND));
            case TAG_DOES_NOT_MATCH_DIGEST -> of(selector, RegistryException.of(Refusal.BATCH_TAG_DOES_NOT_MATCH_DIGEST));
            case PROTECTED_TAG_CHANGE -> new BatchFailure(selector, ErrorCode.BATCH_TAG_PROTECTED, refusal.getMessage());
            default -> new BatchFailure(selector, refusal.code(), refusal.getMessage());
        };
    }
}
