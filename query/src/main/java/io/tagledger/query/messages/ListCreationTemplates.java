package io.tagledger.query.messages;

import java.util.List;

/**
 * Lists repository creation templates by prefix, {@code limit} at most, after the prefix {@code after}
 * ({@code null} for the first page); with {@code prefixes}, only those.
 */
public record ListCreationTemplates(List<String> prefixes, int limit, String after) {
}
