package io.tagledger.api.web;

import io.tagledger.api.ecr.EcrErrorMapper;
import io.tagledger.api.ecr.EcrProtocol;
import io.tagledger.api.oci.OciErrorMapper;
import io.tagledger.api.rest.ProblemAdvice;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Answers that no API handler wrote: what Tomcat refuses before Spring sees the request (a malformed
 * URI, headers too large), routes no controller serves, and refused request lines. Each is answered by
 * the mapper of the API the request was meant for: ECR's on {@code POST /}, OCI's under {@code /v2},
 * REST's everywhere else.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** The catalogue's reason for a status that no more specific error explains. */
    public static Refusal refusalFor(int status) {
        return switch (status) {
            case 400 -> Refusal.MALFORMED_REQUEST;
            case 404 -> Refusal.NO_SUCH_PATH;
            case 405 -> Refusal.METHOD_NOT_ALLOWED;
            case 413 -> Refusal.BODY_TOO_LARGE;
            case 414, 431 -> Refusal.REQUEST_LINE_TOO_LARGE;
            default -> status >= 500 ? Refusal.INTERNAL_ERROR : Refusal.CANNOT_SERVE;
        };
    }

    public static ResponseEntity<byte[]> answer(String method, String path, int status, RegistryException refusal) {
        if (EcrProtocol.isEcrRequest(method, path)) {
            return EcrErrorMapper.answer(status, refusal, null);
        }
        return isOciRequest(path) ? OciErrorMapper.answer(status, refusal) : ProblemAdvice.answerBytes(status, refusal);
    }

    /** The OCI Distribution API lives under {@code /v2}. */
    public static boolean isOciRequest(String path) {
        return path != null && (path.equals("/v2") || path.startsWith("/v2/"));
    }

    /** Writes an answer onto a response that no handler has written to. */
    public static void write(ResponseEntity<byte[]> answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        for (Map.Entry<String, List<String>> header : answer.getHeaders().entrySet()) {
            header.getValue().forEach(value -> response.addHeader(header.getKey(), value));
        }
        byte[] body = answer.getBody();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.getOutputStream().flush();
    }
}
