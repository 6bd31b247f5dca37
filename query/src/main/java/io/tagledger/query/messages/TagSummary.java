package io.tagledger.query.messages;

import java.time.Instant;

public record TagSummary(String tag, String digest, Instant pushedAt) {
}
