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
        return entryFailure(null, refusal) != null;
    }

    /** The entry's failure, as ECR reports it; a refusal that does not fail one entry alone is thrown. */
    static BatchFailure of(ImageSelector selector, RegistryException refusal) {
        BatchFailure failure = entryFailure(selector, refusal);
        if (failure == null) {
            throw refusal;
        }
        return failure;
    }

    /**
     * The entry's failure for every refusal, or {@code null} for one that fails the whole batch. No default:
     * a new refusal does not compile until it is decided here.
     */
    private static BatchFailure entryFailure(ImageSelector selector, RegistryException refusal) {
        return switch (refusal.rule()) {
            case BATCH_IMAGE_NOT_FOUND, BATCH_TAG_DOES_NOT_MATCH_DIGEST, BATCH_MISSING_DIGEST_AND_TAG, BATCH_INVALID_IMAGE_DIGEST,
                 BATCH_INVALID_IMAGE_TAG -> new BatchFailure(selector, refusal.code(), refusal.getMessage());
            case IMAGE_NOT_FOUND, TAG_NOT_FOUND -> entryFailure(selector, RegistryException.of(Refusal.BATCH_IMAGE_NOT_FOUND));
            case TAG_DOES_NOT_MATCH_DIGEST -> entryFailure(selector, RegistryException.of(Refusal.BATCH_TAG_DOES_NOT_MATCH_DIGEST));
            case PROTECTED_TAG_CHANGE -> new BatchFailure(selector, ErrorCode.BATCH_TAG_PROTECTED, refusal.getMessage());
            case TAG_ACCESS_DENIED -> new BatchFailure(selector, ErrorCode.BATCH_ACCESS_DENIED, refusal.getMessage());
            case INVALID_PARAMETER, MANIFEST_TOO_LARGE, REPOSITORY_ALREADY_EXISTS, REPOSITORY_NOT_FOUND, REPOSITORY_NOT_EMPTY,
                 TEMPLATE_ALREADY_EXISTS, TEMPLATE_NOT_FOUND, LIFECYCLE_POLICY_NOT_FOUND, REPOSITORY_POLICY_NOT_FOUND, INVALID_TAG_PARAMETER, RESERVED_TAG_KEY, TOO_MANY_TAGS, LIFECYCLE_POLICY_PREVIEW_NOT_FOUND,
                 IMAGE_ALREADY_EXISTS, IMMUTABLE_TAG_EXISTS, TAG_NOT_SIGNED, TAG_PUBLISHED_AS_IMMUTABLE, TAG_SEALED, SEALED_TAG_RELEASE,
                 RELEASE_NOT_NEEDED, STRICT_PROTECTION_IS_FINAL,
                 PROTECTED_REPOSITORY, DIGEST_DOES_NOT_MATCH, UNSUPPORTED_MANIFEST, BLOB_NOT_FOUND, MANIFEST_BLOBS_MISSING,
                 MANIFEST_CHILDREN_MISSING, UPLOAD_NOT_FOUND, UPLOAD_OUT_OF_ORDER, UPLOAD_SIZE_MISMATCH, UPLOAD_DIGEST_MISMATCH,
                 MALFORMED_JSON, NOT_A_JSON_OBJECT, UNEXPECTED_MEMBER_TYPE, UNREADABLE_BODY, MISSING_OPERATION,
                 UNKNOWN_OPERATION, NO_SUCH_PATH, METHOD_NOT_ALLOWED, NO_SUCH_PROJECTION, MALFORMED_REQUEST,
                 REQUEST_LINE_TOO_LARGE, BODY_TOO_LARGE, CANNOT_SERVE, MISSING_AUTHENTICATION_TOKEN, MALFORMED_AUTHORIZATION,
                 MISSING_SIGNING_DATE, INVALID_CREDENTIALS, WRONG_REGION, WRONG_SERVICE, HOST_NOT_SIGNED, SIGNATURE_EXPIRED,
                 SIGNATURE_MISMATCH, ACCESS_DENIED, ACCESS_DENIED_BY_REPOSITORY_POLICY, CROSS_ORIGIN, STORAGE_UNAVAILABLE, OWNER_UNAVAILABLE, INTERNAL_ERROR -> null;
        };
    }
}
