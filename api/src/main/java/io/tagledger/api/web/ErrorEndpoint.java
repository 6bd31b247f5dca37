package io.tagledger.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.tagledger.domain.RegistryException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the servlet container forwards errors that happened outside the APIs' handlers (a filter's
 * exception, a container {@code sendError}): answered in the API's own format ({@link ApiErrors}),
 * in place of Spring Boot's generic error JSON.
 */
@Hidden
@RestController
class ErrorEndpoint implements ErrorController {

    private final ApiErrors errors;

    ErrorEndpoint(ApiErrors errors) {
        this.errors = errors;
    }

    @RequestMapping("/error")
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer code ? code : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String text ? text : request.getRequestURI();
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof RegistryException refusal) {
            return errors.answer(request.getMethod(), path, 400, refusal);
        }
        return errors.answer(request.getMethod(), path, status, RegistryException.of(ApiErrors.refusalFor(status)));
    }
}
