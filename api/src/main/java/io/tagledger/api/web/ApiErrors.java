package io.tagledger.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.api.ecr.EcrProtocol;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;

/**
 * The error bodies of answers that no API handler wrote: what Tomcat refuses before Spring sees the
 * request (a malformed URI, headers too large), routes no controller serves, and refused request
 * paths. Each keeps its API's own format and a code from the catalogue the README documents: ECR's
 * {@code __type} on the ECR API ({@code POST /}), problem+json with {@code code} on the REST API.
 */
public final class ApiErrors {

    /** Routes that do not exist and methods a route does not take: no such operation, as ECR says. */
    public static final String UNKNOWN_OPERATION = "UnknownOperationException";
    public static final String INVALID_PARAMETER = "InvalidParameterException";
    public static final String SERVER_ERROR = "ServerException";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiErrors() {
    }

    /** The catalogue code for an HTTP status that no more specific error explains. */
    public static String codeFor(int status) {
        if (status == 404 || status == 405) {
            return UNKNOWN_OPERATION;
        }
        if (status == 503) {
            return SERVICE_UNAVAILABLE;
        }
        return status >= 500 ? SERVER_ERROR : INVALID_PARAMETER;
    }

    /** An answer's content type and body, in the format of the API the request was meant for. */
    public record Body(String contentType, byte[] bytes, String ecrCode) {
    }

    public static Body of(String method, String path, int status, String code, String detail) {
        if (EcrProtocol.isEcrRequest(method, path)) {
            ObjectNode error = JSON.createObjectNode().put("__type", code).put("message", detail);
            return new Body(EcrProtocol.CONTENT_TYPE.toString(), bytes(error), code);
        }
        HttpStatus known = HttpStatus.resolve(status);
        ObjectNode problem = JSON.createObjectNode()
                .put("type", "about:blank")
                .put("title", known == null ? "Error" : known.getReasonPhrase())
                .put("status", status)
                .put("detail", detail)
                .put("code", code);
        return new Body("application/problem+json", bytes(problem), null);
    }

    /** What a status means when nothing more specific is known, without echoing the request back. */
    public static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request line or headers are malformed, or larger than the server accepts";
            case 404 -> "No operation is served at this path";
            case 405 -> "This path does not take this method";
            case 413 -> "The request body is larger than the server accepts";
            case 414, 431 -> "The request line or headers are larger than the server accepts";
            default -> status >= 500 ? "An internal error occurred" : "The request cannot be served";
        };
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
