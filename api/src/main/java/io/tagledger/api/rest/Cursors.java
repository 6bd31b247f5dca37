package io.tagledger.api.rest;

import io.tagledger.domain.RegistryException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors. A cursor carries the key of the last item served; the next page starts after
 * it, so a cursor always advances and pages stay stable while items are added or removed.
 */
final class Cursors {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Cursors() {
    }

    static String encode(String lastKey) {
        return lastKey == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidParameter("cursor", "Member must be a cursor returned by a previous page");
        }
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RegistryException.invalidParameter("limit", "Member must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
