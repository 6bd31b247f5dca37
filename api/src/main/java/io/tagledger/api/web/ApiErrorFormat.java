package io.tagledger.api.web;

import io.tagledger.domain.RegistryException;
import org.springframework.http.ResponseEntity;

/** How one API words a refusal on the wire; each API's error mapper is one, and {@link ApiErrors} needs all three. */
public interface ApiErrorFormat {

    Api api();

    /** The whole answer: status, headers and body, in this API's format. */
    ResponseEntity<byte[]> format(int status, RegistryException refusal);
}
