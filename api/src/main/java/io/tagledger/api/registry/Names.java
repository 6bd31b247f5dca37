package io.tagledger.api.registry;

import java.util.List;

/**
 * A page of names, as the registry API lists repositories and tags.
 *
 * @param more whether names follow the last one
 */
public record Names(List<String> names, boolean more) {
}
