package io.tagledger.api.ecr;

import io.tagledger.api.web.ApiErrorFormat;
import io.tagledger.api.web.Api;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.api.settings.TagledgerProperties;
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
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.nio.charset.StandardCharsets;

/**
 * The one place where the catalogue's refusals ({@link Refusal}) take the ECR API's wire format:
 * {@code {"__type":code,"message":...}} with the same code in {@code X-Amzn-ErrorType}, so that both
 * the Java SDK and botocore raise the right exception class; HTTP 400, except 403 for a missing
 * signature, 500 for {@code ServerException} and 503 (with Retry-After, which the SDKs honour).
 */
@RestControllerAdvice(assignableTypes = EcrController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EcrErrorMapper implements ApiErrorFormat {

    private static final Logger log = LoggerFactory.getLogger(EcrErrorMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registryId;
    private final StorageRecovery storage;

    EcrErrorMapper(TagledgerProperties properties, StorageRecovery storage) {
        this.registryId = properties.ecr().registryId();
        this.storage = storage;
    }

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<byte[]> refused(RegistryException e) {
        return answer(statusOf(e), e, registryId);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<byte[]> unreadable(HttpMessageNotReadableException e) {
        return refused(NestedExceptionUtils.getMostSpecificCause(e) instanceof PayloadTooLargeException tooLarge
                ? RegistryException.invalidParameter("body", "Member must have length less than or equal to " + tooLarge.limit())
                : RegistryException.of(Refusal.UNREADABLE_BODY));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        return storage.unavailability(e).map(this::refused).orElseGet(() -> {
            log.error("Unexpected failure on the ECR API", e);
            return refused(RegistryException.of(Refusal.INTERNAL_ERROR));
        });
    }

    /**
     * Every code's status, with no default: a new code does not compile until its status is decided. ECR
     * answers 400 for every exception of the client's, and 403 for a request with no signature.
     */
    static int statusOf(RegistryException e) {
        return switch (e.code()) {
            case MISSING_AUTHENTICATION_TOKEN -> 403;
            case SERVER_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
            case INVALID_PARAMETER, INVALID_TAG_PARAMETER, TOO_MANY_TAGS, SERIALIZATION, UNKNOWN_OPERATION, REPOSITORY_ALREADY_EXISTS, REPOSITORY_NOT_FOUND,
                 TEMPLATE_ALREADY_EXISTS, TEMPLATE_NOT_FOUND, LIFECYCLE_POLICY_NOT_FOUND, REPOSITORY_POLICY_NOT_FOUND, LIFECYCLE_POLICY_PREVIEW_NOT_FOUND,
                 REPOSITORY_NOT_EMPTY, IMAGE_ALREADY_EXISTS, IMAGE_TAG_ALREADY_EXISTS, IMAGE_DIGEST_DOES_NOT_MATCH,
                 IMAGE_NOT_FOUND, TAG_PROTECTED, IMAGE_SIGNATURE_REQUIRED, IMAGE_TAG_DOES_NOT_MATCH_DIGEST, BATCH_IMAGE_NOT_FOUND,
                 BATCH_MISSING_DIGEST_AND_TAG, BATCH_INVALID_IMAGE_DIGEST, BATCH_INVALID_IMAGE_TAG, BATCH_TAG_PROTECTED, BATCH_ACCESS_DENIED,
                 INCOMPLETE_SIGNATURE, UNRECOGNIZED_CLIENT, INVALID_SIGNATURE, ACCESS_DENIED, LAYERS_NOT_FOUND,
                 REFERENCED_IMAGES_NOT_FOUND, UPLOAD_NOT_FOUND, INVALID_LAYER, INVALID_LAYER_PART, UNSUPPORTED_IMAGE_TYPE -> 400;
        };
    }

    /**
     * The answer to a refusal, with the status given (the servlet container's own refusals keep theirs).
     *
     * @param registryId the registry the message names where ECR's wording does, or {@code null}
     */
    @Override
    public Api api() {
        return Api.ECR;
    }

    @Override
    public ResponseEntity<byte[]> format(int status, RegistryException refusal) {
        return answer(status, refusal, null);
    }

    public static ResponseEntity<byte[]> answer(int status, RegistryException e, String registryId) {
        String code = e.code().wireName();
        ObjectNode error = JSON.createObjectNode().put("__type", code).put("message", e.message(registryId, null));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
                .contentType(EcrProtocol.CONTENT_TYPE)
                .header(EcrProtocol.ERROR_TYPE_HEADER, code);
        if (e.subject("retryAfterSeconds") != null) {
            answer.header(HttpHeaders.RETRY_AFTER, e.subject("retryAfterSeconds"));
        }
        return answer.body(error.toString().getBytes(StandardCharsets.UTF_8));
    }
}
