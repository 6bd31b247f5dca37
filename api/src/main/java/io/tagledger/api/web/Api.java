package io.tagledger.api.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The three APIs, told apart by the request line alone, so that whatever answers before an API's own
 * handler (Tomcat, the filters, security) answers in that API's format: ECR's JSON API is every
 * {@code POST /}, the OCI Distribution API lives under {@code /v2}, and REST everywhere else.
 */
public enum Api {
    ECR("ecr", "x-amzn-RequestId"),
    OCI("oci", "X-Request-Id"),
    REST("rest", "X-Request-Id");

    private final String label;
    private final String requestIdHeader;

    Api(String label, String requestIdHeader) {
        this.label = label;
        this.requestIdHeader = requestIdHeader;
    }

    /** For what answers before the servlet context knows the request (Tomcat's own refusals): the raw method and path. */
    public static Api of(String method, String path) {
        if ("POST".equals(method) && (path == null || path.isEmpty() || "/".equals(path))) {
            return ECR;
        }
        return path != null && (path.equals("/v2") || path.startsWith("/v2/")) ? OCI : REST;
    }

    public static Api of(HttpServletRequest request) {
        return of(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** Its name in metrics and the audit trail. */
    public String label() {
        return label;
    }

    /** The header each answer carries the request's id in. */
    public String requestIdHeader() {
        return requestIdHeader;
    }
}
