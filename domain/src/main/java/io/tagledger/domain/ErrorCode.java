package io.tagledger.domain;

/**
 * Every code any of tagledger's APIs answers, the domain's refusals and the protocols' alike. A code's
 * wire name is ECR's own exception (or batch failure) name where ECR has one, so that every API reports
 * the same, stable name for the same error; what each error says is worded once, in {@link Refusal}.
 */
public enum ErrorCode {
    INVALID_PARAMETER("InvalidParameterException"),
    /** A request body the protocol cannot read (ECR's JSON 1.1). */
    SERIALIZATION("SerializationException"),
    /** No operation by that name, path or method. */
    UNKNOWN_OPERATION("UnknownOperationException"),
    REPOSITORY_ALREADY_EXISTS("RepositoryAlreadyExistsException"),
    REPOSITORY_NOT_FOUND("RepositoryNotFoundException"),
    REPOSITORY_NOT_EMPTY("RepositoryNotEmptyException"),
    IMAGE_ALREADY_EXISTS("ImageAlreadyExistsException"),
    IMAGE_TAG_ALREADY_EXISTS("ImageTagAlreadyExistsException"),
    IMAGE_DIGEST_DOES_NOT_MATCH("ImageDigestDoesNotMatchException"),
    IMAGE_NOT_FOUND("ImageNotFoundException"),
    /** tagledger's own: strict tag protection forbids the change (see {@link TagProtection#STRICT}). */
    TAG_PROTECTED("TagProtectedException"),
    /** A tag that points elsewhere than the digest given with it; ECR's batch failure code, and the untag refusal's. */
    IMAGE_TAG_DOES_NOT_MATCH_DIGEST("ImageTagDoesNotMatchDigest"),
    TEMPLATE_ALREADY_EXISTS("TemplateAlreadyExistsException"),
    TEMPLATE_NOT_FOUND("TemplateNotFoundException"),
    INVALID_TAG_PARAMETER("InvalidTagParameterException"),
    TOO_MANY_TAGS("TooManyTagsException"),
    REPOSITORY_POLICY_NOT_FOUND("RepositoryPolicyNotFoundException"),
    LIFECYCLE_POLICY_NOT_FOUND("LifecyclePolicyNotFoundException"),
    LIFECYCLE_POLICY_PREVIEW_NOT_FOUND("LifecyclePolicyPreviewNotFoundException"),
    /** tagledger's own: the repository's trust policy needs the image signed by a trusted key before the tag moves. */
    IMAGE_SIGNATURE_REQUIRED("ImageSignatureRequiredException"),

    /* Failure codes of one entry of a batch (ECR's ImageFailureCode); the batch itself succeeds. */
    BATCH_IMAGE_NOT_FOUND("ImageNotFound"),
    BATCH_MISSING_DIGEST_AND_TAG("MissingDigestAndTag"),
    BATCH_INVALID_IMAGE_DIGEST("InvalidImageDigest"),
    BATCH_INVALID_IMAGE_TAG("InvalidImageTag"),
    BATCH_TAG_PROTECTED("TagProtected"),
    /** tagledger's own: the caller may not change this entry's tag ({@code tags} in its grants). */
    BATCH_ACCESS_DENIED("AccessDenied"),

    /* Authentication (AWS Signature Version 4 on the ECR API). */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException"),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException"),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException"),
    INVALID_SIGNATURE("InvalidSignatureException"),
    /** Authenticated, but not allowed to perform the action on the resource. */
    ACCESS_DENIED("AccessDeniedException"),

    /* Blobs (ECR's layer exceptions; the OCI API names them its own way). */
    LAYERS_NOT_FOUND("LayersNotFoundException"),
    REFERENCED_IMAGES_NOT_FOUND("ReferencedImagesNotFoundException"),
    UPLOAD_NOT_FOUND("UploadNotFoundException"),
    INVALID_LAYER("InvalidLayerException"),
    INVALID_LAYER_PART("InvalidLayerPartException"),
    UNSUPPORTED_IMAGE_TYPE("UnsupportedImageTypeException"),

    /** Try again later: views being rebuilt, or the storage failing. */
    SERVICE_UNAVAILABLE("ServiceUnavailableException"),
    /** A fault of tagledger's own. */
    SERVER_ERROR("ServerException");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The name every API answers: ECR's {@code __type}, REST's {@code code}, the audit trail's refusal code. */
    public String wireName() {
        return wireName;
    }
}
