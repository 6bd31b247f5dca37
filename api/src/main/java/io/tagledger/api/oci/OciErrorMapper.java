package io.tagledger.api.oci;

import io.tagledger.api.web.ApiErrorFormat;
import io.tagledger.api.web.Api;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.api.storage.StorageFailures;
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
        return answer(statusOf(e), e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        if (NestedExceptionUtils.getMostSpecificCause(e) instanceof PayloadTooLargeException tooLarge) {
            return answer(413, RegistryException.invalidParameter("body", "Member must have length less than or equal to " + tooLarge.limit()));
        }
        if (StorageFailures.isStorageFailure(e)) {
            storage.reportFailure(e);
            return refused(StorageFailures.unavailable());
        }
        log.error("Unexpected failure on the OCI API", e);
        return refused(RegistryException.of(Refusal.INTERNAL_ERROR));
    }

    /** The specification's error code for a refusal. */
    static String codeOf(RegistryException e) {
        return switch (e.rule()) {
            case IMMUTABLE_TAG_EXISTS, TAG_PUBLISHED_AS_IMMUTABLE -> "TAG_INVALID";
            case REPOSITORY_NOT_FOUND -> "NAME_UNKNOWN";
            case TAG_NOT_FOUND, IMAGE_NOT_FOUND, MANIFEST_CHILDREN_MISSING -> "MANIFEST_UNKNOWN";
            case BLOB_NOT_FOUND -> "BLOB_UNKNOWN";
            case MANIFEST_BLOBS_MISSING -> "MANIFEST_BLOB_UNKNOWN";
            case UPLOAD_NOT_FOUND -> "BLOB_UPLOAD_UNKNOWN";
            case UPLOAD_OUT_OF_ORDER -> "BLOB_UPLOAD_INVALID";
            case UPLOAD_SIZE_MISMATCH, BODY_TOO_LARGE, MANIFEST_TOO_LARGE -> "SIZE_INVALID";
            case UPLOAD_DIGEST_MISMATCH, DIGEST_DOES_NOT_MATCH -> "DIGEST_INVALID";
            case UNSUPPORTED_MANIFEST -> "MANIFEST_INVALID";
            case ACCESS_DENIED, PROTECTED_TAG_CHANGE, STRICT_PROTECTION_IS_FINAL, PROTECTED_REPOSITORY, CROSS_ORIGIN -> "DENIED";
            case MISSING_AUTHENTICATION_TOKEN, INVALID_CREDENTIALS -> "UNAUTHORIZED";
            case STORAGE_UNAVAILABLE, OWNER_UNAVAILABLE -> "UNAVAILABLE";
            case INTERNAL_ERROR -> "UNKNOWN";
            case INVALID_PARAMETER -> memberCode(e.field());
            default -> "UNSUPPORTED";
        };
    }

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

    static int statusOf(RegistryException e) {
        return switch (codeOf(e)) {
            case "NAME_UNKNOWN", "MANIFEST_UNKNOWN", "BLOB_UNKNOWN", "BLOB_UPLOAD_UNKNOWN" ->
                    e.rule() == Refusal.MANIFEST_CHILDREN_MISSING ? 400 : 404;
            case "DENIED" -> 403;
            case "UNAUTHORIZED" -> 401;
            case "UNAVAILABLE" -> 503;
            case "UNKNOWN" -> 500;
            case "BLOB_UPLOAD_INVALID" -> e.rule() == Refusal.UPLOAD_OUT_OF_ORDER ? 416 : 400;
            default -> switch (e.rule()) {
                case MANIFEST_TOO_LARGE -> 413;
                case NO_SUCH_PATH -> 404;
                case METHOD_NOT_ALLOWED -> 405;
                default -> "Range".equals(e.field()) ? 416 : 400;
            };
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
        body.putArray("errors").addObject().put("code", codeOf(e)).put("message", e.message(null, null));
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
