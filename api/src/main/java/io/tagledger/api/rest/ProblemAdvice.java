package io.tagledger.api.rest;

import io.tagledger.api.web.ApiErrorFormat;
import io.tagledger.api.web.Api;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tagledger.api.storage.StorageRecovery;
import io.tagledger.api.web.ApiErrors;
import io.tagledger.api.web.PayloadTooLargeException;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
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
 * The one place where the catalogue's refusals ({@link Refusal}) take the REST API's wire format (and
 * that of any route that matches no API): RFC 9457 problem details, with {@code code}, the catalogue's
 * name for the error, and {@code field}, the REST API's name for the member at fault when one is.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler implements ApiErrorFormat {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    /** With Spring's mix-in for problem details, as Spring MVC writes them. */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();
    private static final String WRONG_TYPE = "Member must have the type and value this request takes";

    /** The catalogue names members as ECR does; the REST API's own names for them. */
    private static final Map<String, String> REST_FIELDS = Map.of(
            "repositoryName", "name",
            "imageTagMutabilityExclusionFilters", "exclusionFilters",
            "imageTagMutabilityExclusionFilters.filter", "exclusionFilters",
            "imageTag", "tag",
            "imageDigest", "digest",
            "imageManifest", "body",
            "imageManifestMediaType", "Content-Type");

    private final StorageRecovery storage;

    ProblemAdvice(StorageRecovery storage) {
        this.storage = storage;
    }

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<ProblemDetail> refused(RegistryException e) {
        return answer(statusOf(e), e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        return storage.unavailability(e).map(this::refused).orElseGet(() -> {
            log.error("Unexpected failure", e);
            return refused(RegistryException.of(Refusal.INTERNAL_ERROR));
        });
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        if (cause instanceof PayloadTooLargeException tooLarge) {
            return cast(answer(HttpStatus.PAYLOAD_TOO_LARGE.value(), RegistryException.invalidParameter("body",
                    "Member must have length less than or equal to " + tooLarge.limit())));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return cast(request(RegistryException.invalidParameter(unknown.getPropertyName(),
                    "Member must be one of this request's members: " + unknown.getKnownPropertyIds())));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return cast(request(RegistryException.invalidParameter(field, WRONG_TYPE)));
        }
        return cast(refused(RegistryException.invalidParameter("body",
                cause instanceof JsonParseException ? "Member must be well-formed JSON" : "Member must not be null")));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return cast(request(RegistryException.invalidParameter(e.getParameterName(), "Member must not be null")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return request(RegistryException.invalidParameter(e.getName(), WRONG_TYPE));
    }

    /** Spring's own 4xx answers (unsupported media type, wrong method, no such route...) get the code of their status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getProperties() == null) {
            problem.setProperty("code", ApiErrors.refusalFor(status.value()).code().wireName());
        }
        return response;
    }

    /** A refusal of a member that the request named as the REST API names it. */
    private static ResponseEntity<ProblemDetail> request(RegistryException e) {
        return answer(statusOf(e), e, e.field());
    }

    /** Every code's status, with no default: a new code does not compile until its status is decided. */
    static int statusOf(RegistryException e) {
        return switch (e.code()) {
            case REPOSITORY_NOT_FOUND, IMAGE_NOT_FOUND, TEMPLATE_NOT_FOUND, LIFECYCLE_POLICY_NOT_FOUND, REPOSITORY_POLICY_NOT_FOUND, LIFECYCLE_POLICY_PREVIEW_NOT_FOUND -> 404;
            case UNKNOWN_OPERATION -> e.rule() == Refusal.METHOD_NOT_ALLOWED ? 405 : 404;
            case REPOSITORY_ALREADY_EXISTS, TEMPLATE_ALREADY_EXISTS, REPOSITORY_NOT_EMPTY, IMAGE_ALREADY_EXISTS, IMAGE_TAG_ALREADY_EXISTS, TAG_PROTECTED, IMAGE_SIGNATURE_REQUIRED -> 409;
            case MISSING_AUTHENTICATION_TOKEN, UNRECOGNIZED_CLIENT, INCOMPLETE_SIGNATURE, INVALID_SIGNATURE -> 401;
            case ACCESS_DENIED -> 403;
            case SERVER_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
            case INVALID_PARAMETER, INVALID_TAG_PARAMETER, TOO_MANY_TAGS, SERIALIZATION, IMAGE_DIGEST_DOES_NOT_MATCH, IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
                 BATCH_IMAGE_NOT_FOUND, BATCH_MISSING_DIGEST_AND_TAG, BATCH_INVALID_IMAGE_DIGEST, BATCH_INVALID_IMAGE_TAG,
                 BATCH_TAG_PROTECTED, BATCH_ACCESS_DENIED, LAYERS_NOT_FOUND, REFERENCED_IMAGES_NOT_FOUND, UPLOAD_NOT_FOUND, INVALID_LAYER,
                 INVALID_LAYER_PART, UNSUPPORTED_IMAGE_TYPE -> 400;
        };
    }

    /** The problem for a refusal, with the status given (the servlet container's own refusals keep theirs). */
    public static ResponseEntity<ProblemDetail> answer(int status, RegistryException e) {
        return answer(status, e, e.field() == null ? null : REST_FIELDS.getOrDefault(e.field(), e.field()));
    }

    private static ResponseEntity<ProblemDetail> answer(int status, RegistryException e, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), e.message(null, field));
        problem.setProperty("code", e.code().wireName());
        if (field != null) {
            problem.setProperty("field", field);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.subject("retryAfterSeconds") != null) {
            answer.header(HttpHeaders.RETRY_AFTER, e.subject("retryAfterSeconds"));
        }
        return answer.body(problem);
    }

    /** The same answer as bytes, for what is written outside Spring MVC. */
    @Override
    public Api api() {
        return Api.REST;
    }

    @Override
    public ResponseEntity<byte[]> format(int status, RegistryException refusal) {
        return answerBytes(status, refusal);
    }

    public static ResponseEntity<byte[]> answerBytes(int status, RegistryException e) {
        ResponseEntity<ProblemDetail> problem = answer(status, e);
        try {
            return ResponseEntity.status(status).headers(problem.getHeaders()).body(JSON.writeValueAsBytes(problem.getBody()));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("A problem is strings and numbers", impossible);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
