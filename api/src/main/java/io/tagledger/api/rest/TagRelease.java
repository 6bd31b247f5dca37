package io.tagledger.api.rest;

import java.time.Instant;

/** A tag released: its next change is allowed once, until {@code validUntil}. */
record TagRelease(String tag, String reason, Instant validUntil) {
}
