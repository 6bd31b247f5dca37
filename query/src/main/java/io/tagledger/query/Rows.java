package io.tagledger.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Column values that the views write with plain statements, in the form both H2's and PostgreSQL's drivers take. */
public final class Rows {

    private Rows() {
    }

    /** An instant for a {@code timestamp with time zone} column, or {@code null}. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
