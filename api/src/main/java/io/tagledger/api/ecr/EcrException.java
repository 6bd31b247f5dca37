package io.tagledger.api.ecr;

import org.springframework.http.HttpStatus;

/** A refusal at the protocol level of the ECR API (operation, serialization, authentication). */
public class EcrException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public EcrException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static EcrException unknownOperation(String target) {
        return new EcrException(HttpStatus.BAD_REQUEST, "UnknownOperationException",
                target == null ? "Missing X-Amz-Target header"
                        : "Unknown operation " + (target.length() > 128 ? target.substring(0, 128) + "…" : target));
    }

    public static EcrException serialization(String message) {
        return new EcrException(HttpStatus.BAD_REQUEST, "SerializationException", message);
    }

    public static EcrException invalidParameter(String member, String constraint) {
        return new EcrException(HttpStatus.BAD_REQUEST, "InvalidParameterException",
                EcrMessages.invalidParameter(member, constraint));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
