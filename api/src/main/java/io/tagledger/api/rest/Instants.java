package io.tagledger.api.rest;

import io.tagledger.domain.RegistryException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** ISO-8601 instants in query parameters: {@code 2026-11-24T14:00:00Z} or with an offset. */
final class Instants {

    private Instants() {
    }

    static Instant parse(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw RegistryException.invalidParameter(field, "Member must be an ISO-8601 instant such as 2026-11-24T14:00:00Z");
        }
    }
}
