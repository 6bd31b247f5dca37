package io.tagledger.api.web;

import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Answers that no API handler wrote: what Tomcat refuses before Spring sees the request (a malformed
 * URI, headers too large), routes no controller serves, and refused request lines. Each is answered by
 * the error format of the API the request was meant for ({@link Api}): every API's mapper is one
 * ({@link ApiErrorFormat}), so this package needs none of theirs.
 */
@Component
public class ApiErrors {

    private final Map<Api, ApiErrorFormat> formats = new EnumMap<>(Api.class);

    ApiErrors(List<ApiErrorFormat> formats) {
        formats.forEach(format -> this.formats.put(format.api(), format));
        for (Api api : Api.values()) {
            if (!this.formats.containsKey(api)) {
                throw new IllegalStateException("No error format for the " + api + " API");
            }
        }
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

    public ResponseEntity<byte[]> answer(String method, String path, int status, RegistryException refusal) {
        return formats.get(Api.of(method, path)).format(status, refusal);
    }

    /** Answers the request, in its API's format, on a response that no handler has written to. */
    public void write(HttpServletRequest request, int status, RegistryException refusal, HttpServletResponse response) throws IOException {
        write(answer(request.getMethod(), request.getRequestURI(), status, refusal), response);
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
