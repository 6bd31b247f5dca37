package io.tagledger.query.messages;

/** A digest, and one of its tags or {@code null} for an untagged image. */
public record ImageId(String digest, String tag) {
}
