package io.tagledger.api.registry;

/**
 * One entry of a batch, as the client wrote it: a digest, a tag, or both (the tag must then point to
 * the digest). Parsed by the batch itself, so that a malformed entry fails alone, not the batch.
 */
public record ImageSelector(String digest, String tag) {
}
