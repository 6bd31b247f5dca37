package io.tagledger.api.registry;

import java.util.List;

/** One page of a listing; {@code nextToken} asks for the next page, and is {@code null} on the last one. */
public record Page<T>(List<T> items, String nextToken) {
}
