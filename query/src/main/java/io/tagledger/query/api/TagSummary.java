package io.tagledger.query.api;

import java.time.Instant;

public record TagSummary(String tag, String digest, Instant pushedAt) {
}
