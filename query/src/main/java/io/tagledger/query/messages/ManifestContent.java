package io.tagledger.query.messages;

/** A manifest exactly as pushed, and the tag it was found by, if any. */
public record ManifestContent(String digest, String mediaType, String manifest) {
}
