package io.tagledger.query.messages;

import java.time.Instant;
import java.util.List;

/** An image with the tags that point to it now, in tag order. */
public record ImageSummary(String digest, List<String> tags, String mediaType, long sizeBytes, Instant pushedAt) {
}
