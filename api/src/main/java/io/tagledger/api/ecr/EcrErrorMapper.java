package io.tagledger.api.ecr;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.api.admin.ViewsRebuildingException;
import io.tagledger.api.config.TagledgerProperties;
import io.tagledger.api.storage.StorageFailures;
import io.tagledger.api.storage.StorageRecovery;
import io.tagledger.api.web.PayloadTooLargeException;
import io.tagledger.domain.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where the ECR API turns failures into ECR's error format: HTTP 400 (500 only for
 * {@code ServerException}), {@code {"__type":code,"message":...}} and the same code in
 * {@code X-Amzn-ErrorType}, so that both the Java SDK and botocore raise the right exception class.
 */
@RestControllerAdvice(assignableTypes = EcrController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class EcrErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(EcrErrorMapper.class);

    private final String registryId;
    private final ObjectMapper json;
    private final StorageRecovery storage;

    EcrErrorMapper(TagledgerProperties properties, ObjectMapper json, StorageRecovery storage) {
        this.registryId = properties.ecr().registryId();
        this.json = json;
        this.storage = storage;
    }

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<byte[]> refused(RegistryException e) {
        return error(HttpStatus.BAD_REQUEST, e.code().ecrName(), EcrMessages.of(e, registryId));
    }

    @ExceptionHandler(EcrException.class)
    ResponseEntity<byte[]> protocol(EcrException e) {
        return error(e.status(), e.code(), e.getMessage());
    }

    /** 503: SDKs retry it on their own, after a pause. */
    @ExceptionHandler(ViewsRebuildingException.class)
    ResponseEntity<byte[]> rebuilding(ViewsRebuildingException e) {
        return unavailable(e.getMessage(), e.retryAfterSeconds());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<byte[]> unreadable(HttpMessageNotReadableException e) {
        if (NestedExceptionUtils.getMostSpecificCause(e) instanceof PayloadTooLargeException tooLarge) {
            return error(HttpStatus.BAD_REQUEST, "InvalidParameterException",
                    EcrMessages.invalidParameter("body", "Member must have length less than or equal to " + tooLarge.limit()));
        }
        return error(HttpStatus.BAD_REQUEST, "SerializationException", "Unreadable request body");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        if (StorageFailures.isStorageFailure(e)) {
            storage.reportFailure(e);
            return unavailable(StorageFailures.MESSAGE, StorageFailures.RETRY_AFTER_SECONDS);
        }
        log.error("Unexpected failure on the ECR API", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "ServerException", "An internal error occurred");
    }

    /** 503 with when to come back, which the SDKs honour: views being rebuilt, or the storage failing. */
    private ResponseEntity<byte[]> unavailable(String message, long retryAfterSeconds) {
        ResponseEntity<byte[]> error = error(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableException", message);
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)).body(error.getBody());
    }

    private ResponseEntity<byte[]> error(HttpStatus status, String code, String message) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(new EcrError(code, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An error body is two strings", e);
        }
        return ResponseEntity.status(status)
                .contentType(EcrProtocol.CONTENT_TYPE)
                .header(EcrProtocol.ERROR_TYPE_HEADER, code)
                .body(body);
    }

    private record EcrError(@JsonProperty("__type") String type, String message) {
    }
}
