package io.tagledger.api.rest;

/** {@code POST /repositories/{name}/-/tags/{tag}/release}: why, and for how long (ISO-8601, such as {@code PT10M}). */
record ReleaseRequest(String reason, String validFor) {
}
