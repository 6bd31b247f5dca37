package io.tagledger.api.ecr;

import io.tagledger.api.web.Api;
import org.springframework.http.MediaType;

/** ECR's wire protocol: AWS JSON 1.1 on {@code POST /}, the operation named by {@code X-Amz-Target}. */
public final class EcrProtocol {

    public static final String TARGET_HEADER = "X-Amz-Target";
    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    public static final String REQUEST_ID_HEADER = Api.ECR.requestIdHeader();
    public static final String ERROR_TYPE_HEADER = "X-Amzn-ErrorType";
    public static final MediaType CONTENT_TYPE = MediaType.parseMediaType("application/x-amz-json-1.1");

    private EcrProtocol() {
    }
}
