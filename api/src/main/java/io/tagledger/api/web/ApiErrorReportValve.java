package io.tagledger.api.web;

import io.tagledger.domain.RegistryException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;

/**
 * Tomcat's own error pages, for what it refuses before any API sees the request ({@code %00} or
 * {@code %zz} in a path, a 20 KB header, a disallowed method), are HTML. This valve answers them in
 * the API's format instead ({@link ApiErrors}); any other error body already written stays as it is.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    private final ApiErrors errors;

    ApiErrorReportValve(ApiErrors errors) {
        this.errors = errors;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String method = request.getCoyoteRequest().method().toString();
        String path = request.getCoyoteRequest().requestURI().toString();
        try {
            ApiErrors.write(errors.answer(method, path, status, RegistryException.of(ApiErrors.refusalFor(status))), response);
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body: nothing more to answer.
        }
    }
}
