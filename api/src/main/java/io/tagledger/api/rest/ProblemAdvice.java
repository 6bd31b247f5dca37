package io.tagledger.api.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tagledger.api.admin.ViewsRebuildingException;
import io.tagledger.api.storage.StorageFailures;
import io.tagledger.api.storage.StorageRecovery;
import io.tagledger.api.web.ApiErrors;
import io.tagledger.api.web.PayloadTooLargeException;
import io.tagledger.domain.ErrorCode;
import io.tagledger.domain.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one place where the REST API (and any route that matches no API) turns failures into RFC 9457
 * problem details. Every problem carries {@code code}, ECR's name for the error, and {@code field}
 * when one request member is at fault.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    static final String INVALID_PARAMETER = ErrorCode.INVALID_PARAMETER.ecrName();

    private final StorageRecovery storage;

    ProblemAdvice(StorageRecovery storage) {
        this.storage = storage;
    }

    /** The domain names members as ECR does; the REST API's own names for them. */
    private static final Map<String, String> REST_FIELDS = Map.of(
            "repositoryName", "name",
            "imageTagMutabilityExclusionFilters", "exclusionFilters",
            "imageTagMutabilityExclusionFilters.filter", "exclusionFilters",
            "imageTag", "tag",
            "imageDigest", "digest",
            "imageManifest", "body",
            "imageManifestMediaType", "Content-Type");

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<ProblemDetail> refused(RegistryException e) {
        HttpStatus status = switch (e.code()) {
            case INVALID_PARAMETER, IMAGE_DIGEST_DOES_NOT_MATCH, IMAGE_TAG_DOES_NOT_MATCH_DIGEST -> HttpStatus.BAD_REQUEST;
            case REPOSITORY_NOT_FOUND, IMAGE_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case REPOSITORY_ALREADY_EXISTS, REPOSITORY_NOT_EMPTY, IMAGE_ALREADY_EXISTS, IMAGE_TAG_ALREADY_EXISTS, TAG_PROTECTED ->
                    HttpStatus.CONFLICT;
        };
        String field = e.field() == null ? null : REST_FIELDS.getOrDefault(e.field(), e.field());
        String detail = field != null && e.code() == ErrorCode.INVALID_PARAMETER
                ? "Invalid parameter at '" + field + "': " + e.getMessage()
                : e.getMessage();
        return problem(status, e.code().ecrName(), detail, field);
    }

    @ExceptionHandler(ViewsRebuildingException.class)
    ResponseEntity<ProblemDetail> rebuilding(ViewsRebuildingException e) {
        return unavailable(e.getMessage(), e.retryAfterSeconds());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (StorageFailures.isStorageFailure(e)) {
            storage.reportFailure(e);
            return unavailable(StorageFailures.MESSAGE, StorageFailures.RETRY_AFTER_SECONDS);
        }
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "ServerException", "An internal error occurred", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        if (cause instanceof PayloadTooLargeException tooLarge) {
            return cast(problem(HttpStatus.PAYLOAD_TOO_LARGE, INVALID_PARAMETER,
                    "The request body is larger than " + tooLarge.limit() + " bytes", "body"));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return cast(problem(HttpStatus.BAD_REQUEST, INVALID_PARAMETER, "Invalid parameter at '" + unknown.getPropertyName()
                    + "': not a member of this request; its members are " + unknown.getKnownPropertyIds(), unknown.getPropertyName()));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return cast(problem(HttpStatus.BAD_REQUEST, INVALID_PARAMETER,
                    "Invalid parameter at '" + field + "': wrong type or value", field));
        }
        String detail = cause instanceof JsonParseException ? "Malformed JSON in the request body" : "The request body is missing or unreadable";
        return cast(problem(HttpStatus.BAD_REQUEST, INVALID_PARAMETER, detail, "body"));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return cast(problem(HttpStatus.BAD_REQUEST, INVALID_PARAMETER,
                "Missing parameter '" + e.getParameterName() + "'", e.getParameterName()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, INVALID_PARAMETER,
                "Invalid parameter at '" + e.getName() + "': wrong type or value", e.getName());
    }

    /** Spring's own 4xx answers (unsupported media type, wrong method, no such route...) get a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getProperties() == null) {
            problem.setProperty("code", ApiErrors.codeFor(status.value()));
        }
        return response;
    }

    /** 503 with when to come back: views being rebuilt, or the storage failing. */
    private static ResponseEntity<ProblemDetail> unavailable(String detail, long retryAfterSeconds) {
        ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, ApiErrors.SERVICE_UNAVAILABLE, detail, null);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)).body(problem.getBody());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
