package io.tagledger.api.web;

import java.io.IOException;

/** A request body went past {@code tagledger.max-request-size}. */
public class PayloadTooLargeException extends IOException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
