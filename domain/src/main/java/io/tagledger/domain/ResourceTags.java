package io.tagledger.domain;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * A repository's resource tags, with ECR's limits: keys of 1 to 128 characters, not beginning with
 * {@code aws:}, values of up to 256, and at most 50 on a repository. (Not to be confused with image
 * tags: these label the repository, for cost reports and policies.)
 */
public record ResourceTags(Map<String, String> tags) {

    public static final int MAX_TAGS = 50;
    public static final ResourceTags NONE = new ResourceTags(Map.of());
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 256;

    public ResourceTags {
        tags = new TreeMap<>(tags);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            if (key == null || key.isEmpty() || key.length() > MAX_KEY || tag.getValue() == null || tag.getValue().length() > MAX_VALUE) {
                throw RegistryException.of(Refusal.INVALID_TAG_PARAMETER);
            }
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw RegistryException.of(Refusal.RESERVED_TAG_KEY, "key", key);
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw RegistryException.of(Refusal.TOO_MANY_TAGS);
        }
        tags = java.util.Collections.unmodifiableMap(tags);
    }

    /** These tags with others added, a key given again taking its new value. */
    public ResourceTags with(ResourceTags added) {
        Map<String, String> all = new TreeMap<>(tags);
        all.putAll(added.tags);
        return new ResourceTags(all);
    }

    public ResourceTags without(Collection<String> keys) {
        Map<String, String> kept = new TreeMap<>(tags);
        keys.forEach(kept::remove);
        return new ResourceTags(kept);
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }
}
