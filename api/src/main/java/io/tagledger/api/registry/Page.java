package io.tagledger.api.registry;

import java.util.List;

/** One page of a listing; {@code nextAfter} is the key to continue after, or {@code null} on the last page. */
public record Page<T>(List<T> items, String nextAfter) {
}
