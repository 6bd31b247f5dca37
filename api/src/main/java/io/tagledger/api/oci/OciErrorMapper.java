package io.tagledger.api.oci;

import io.tagledger.api.web.ApiErrorFormat;
import io.tagledger.api.web.Api;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.api.storage.StorageRecovery;
import io.tagledger.api.web.PayloadTooLargeException;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.nio.charset.StandardCharsets;

/**
 * The one place where the catalogue's refusals ({@link Refusal}) take the OCI API's wire format: the
 * distribution specification's {@code {"errors":[{"code":...,"message":...}]}} with its codes and
 * statuses. An overwrite refused by immutability answers as ECR's registry does, 400 {@code TAG_INVALID}
 * with ECR's message, which docker prints as {@code tag invalid: ...}.
 */
@RestControllerAdvice(assignableTypes = OciController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OciErrorMapper implements ApiErrorFormat {

    private static final Logger log = LoggerFactory.getLogger(OciErrorMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StorageRecovery storage;

    OciErrorMapper(StorageRecovery storage) {
        this.storage = storage;
    }

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<byte[]> refused(RegistryException e) {
        return answer(wireOf(e).status(), e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        if (NestedExceptionUtils.getMostSpecificCause(e) instanceof PayloadTooLargeException tooLarge) {
            return answer(413, RegistryException.invalidParameter("body", "Member must have length less than or equal to " + tooLarge.limit()));
        }
        return storage.unavailability(e).map(this::refused).orElseGet(() -> {
            log.error("Unexpected failure on the OCI API", e);
            return refused(RegistryException.of(Refusal.INTERNAL_ERROR));
        });
    }

    /** A refusal as the specification answers it: its error code and HTTP status. */
    record WireError(String code, int status) {
    }

    /**
     * Every refusal's code and status, with no default: a new refusal does not compile until it is mapped
     * here. A code the specification lacks is {@code UNSUPPORTED}.
     */
    static WireError wireOf(RegistryException e) {
        return switch (e.rule()) {
            case IMMUTABLE_TAG_EXISTS, TAG_PUBLISHED_AS_IMMUTABLE, TAG_SEALED, TAG_NOT_SIGNED -> new WireError("TAG_INVALID", 400);
            case REPOSITORY_NOT_FOUND -> new WireError("NAME_UNKNOWN", 404);
            case TAG_NOT_FOUND, IMAGE_NOT_FOUND -> new WireError("MANIFEST_UNKNOWN", 404);
            case MANIFEST_CHILDREN_MISSING -> new WireError("MANIFEST_UNKNOWN", 400);
            case BLOB_NOT_FOUND -> new WireError("BLOB_UNKNOWN", 404);
            case MANIFEST_BLOBS_MISSING -> new WireError("MANIFEST_BLOB_UNKNOWN", 400);
            case UPLOAD_NOT_FOUND -> new WireError("BLOB_UPLOAD_UNKNOWN", 404);
            case UPLOAD_OUT_OF_ORDER -> new WireError("BLOB_UPLOAD_INVALID", 416);
            case UPLOAD_SIZE_MISMATCH, BODY_TOO_LARGE -> new WireError("SIZE_INVALID", 400);
            case MANIFEST_TOO_LARGE -> new WireError("SIZE_INVALID", 413);
            case UPLOAD_DIGEST_MISMATCH, DIGEST_DOES_NOT_MATCH -> new WireError("DIGEST_INVALID", 400);
            case UNSUPPORTED_MANIFEST -> new WireError("MANIFEST_INVALID", 400);
            case ACCESS_DENIED, ACCESS_DENIED_BY_REPOSITORY_POLICY, TAG_ACCESS_DENIED, PROTECTED_TAG_CHANGE, STRICT_PROTECTION_IS_FINAL, PROTECTED_REPOSITORY, CROSS_ORIGIN,
                 SEALED_TAG_RELEASE ->
                    new WireError("DENIED", 403);
            case MISSING_AUTHENTICATION_TOKEN, INVALID_CREDENTIALS -> new WireError("UNAUTHORIZED", 401);
            case STORAGE_UNAVAILABLE, OWNER_UNAVAILABLE -> new WireError("UNAVAILABLE", 503);
            case INTERNAL_ERROR -> new WireError("UNKNOWN", 500);
            case INVALID_PARAMETER -> new WireError(memberCode(e.field()), "Range".equals(e.field()) ? 416 : 400);
            case NO_SUCH_PATH, TEMPLATE_NOT_FOUND, LIFECYCLE_POLICY_NOT_FOUND, REPOSITORY_POLICY_NOT_FOUND, LIFECYCLE_POLICY_PREVIEW_NOT_FOUND -> new WireError("UNSUPPORTED", 404);
            case METHOD_NOT_ALLOWED -> new WireError("UNSUPPORTED", 405);
            case INVALID_TAG_PARAMETER, RESERVED_TAG_KEY, TOO_MANY_TAGS, REPOSITORY_ALREADY_EXISTS, TEMPLATE_ALREADY_EXISTS, REPOSITORY_NOT_EMPTY, RELEASE_NOT_NEEDED, IMAGE_ALREADY_EXISTS, TAG_DOES_NOT_MATCH_DIGEST,
                 BATCH_IMAGE_NOT_FOUND, BATCH_TAG_DOES_NOT_MATCH_DIGEST, BATCH_MISSING_DIGEST_AND_TAG, BATCH_INVALID_IMAGE_DIGEST,
                 BATCH_INVALID_IMAGE_TAG, MALFORMED_JSON, NOT_A_JSON_OBJECT, UNEXPECTED_MEMBER_TYPE, UNREADABLE_BODY,
                 MISSING_OPERATION, UNKNOWN_OPERATION, NO_SUCH_PROJECTION, MALFORMED_REQUEST, REQUEST_LINE_TOO_LARGE,
                 CANNOT_SERVE, MALFORMED_AUTHORIZATION, MISSING_SIGNING_DATE, WRONG_REGION, WRONG_SERVICE, HOST_NOT_SIGNED,
                 SIGNATURE_EXPIRED, SIGNATURE_MISMATCH -> new WireError("UNSUPPORTED", 400);
        };
    }

    /** The code of an invalid member, by the member's name: a name, not a code, so any other is {@code UNSUPPORTED}. */
    private static String memberCode(String member) {
        if (member == null) {
            return "UNSUPPORTED";
        }
        return switch (member) {
            case "repositoryName", "path" -> "NAME_INVALID";
            case "imageTag" -> "TAG_INVALID";
            case "imageDigest", "digest" -> "DIGEST_INVALID";
            case "imageManifest", "imageManifestMediaType" -> "MANIFEST_INVALID";
            case "Content-Range" -> "BLOB_UPLOAD_INVALID";
            case "body" -> "SIZE_INVALID";
            default -> "UNSUPPORTED";
        };
    }

    /** The answer to a refusal, with the status given (the servlet container's own refusals keep theirs). */
    @Override
    public Api api() {
        return Api.OCI;
    }

    @Override
    public ResponseEntity<byte[]> format(int status, RegistryException refusal) {
        return answer(status, refusal);
    }

    public static ResponseEntity<byte[]> answer(int status, RegistryException e) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("code", wireOf(e).code()).put("message", e.message(null, null));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .header(OciController.API_VERSION, "registry/2.0");
        if (e.subject("retryAfterSeconds") != null) {
            answer.header(HttpHeaders.RETRY_AFTER, e.subject("retryAfterSeconds"));
        }
        if (status == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tagledger\"");
        }
        return answer.body(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
