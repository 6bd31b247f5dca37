package io.tagledger.query.messages;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** A tag's history: each digest it pointed to, when, and who moved it there. */
public record TagHistory(String repository, String tag, List<Period> periods) {

    /** @param to {@code null} while the tag still points to {@code digest} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Period(String digest, Instant from, Instant to, String movedBy, String endedBy, String endedHow) {
    }
}
