package io.tagledger.api.ecr;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;

/** ECR's wire protocol: AWS JSON 1.1 on {@code POST /}, the operation named by {@code X-Amz-Target}. */
public final class EcrProtocol {

    public static final String TARGET_HEADER = "X-Amz-Target";
    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    public static final String ERROR_TYPE_HEADER = "X-Amzn-ErrorType";
    public static final MediaType CONTENT_TYPE = MediaType.parseMediaType("application/x-amz-json-1.1");

    private EcrProtocol() {
    }

    /** Every {@code POST /} is an ECR request: the REST API lives under its own paths. */
    public static boolean isEcrRequest(HttpServletRequest request) {
        return isEcrRequest(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** For what answers before the servlet context knows the request (Tomcat's own refusals): the raw method and path. */
    public static boolean isEcrRequest(String method, String path) {
        return "POST".equals(method) && (path == null || path.isEmpty() || "/".equals(path));
    }
}
