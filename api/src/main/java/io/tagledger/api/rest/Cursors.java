package io.tagledger.api.rest;

import io.tagledger.api.paging.PageTokens;
import io.tagledger.domain.RegistryException;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The REST API's page cursors. A cursor carries the key of the last item served; the next page starts
 * after it, so a cursor always advances and pages stay stable while items are added or removed. A
 * cursor is signed and bound to its listing ({@link PageTokens}): any other answers 400.
 */
@Component
class Cursors {

    private final PageTokens tokens;

    Cursors(PageTokens tokens) {
        this.tokens = tokens;
    }

    /** @param listing what was listed, with every filter that shaped it */
    String encode(String listing, String lastKey) {
        return lastKey == null ? null : tokens.encode("rest " + listing, List.of(lastKey));
    }

    String decode(String listing, String cursor) {
        if (cursor == null) {
            return null;
        }
        return tokens.decode("rest " + listing, cursor, 1).map(keys -> keys.get(0)).orElseThrow(() ->
                RegistryException.invalidParameter("cursor", "Member must be a cursor returned by the previous page of this listing"));
    }
}
