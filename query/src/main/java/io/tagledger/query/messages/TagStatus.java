package io.tagledger.query.messages;

import java.util.Collection;

/** ECR's image filter: images with at least one tag, without any, or all. */
public enum TagStatus {
    TAGGED,
    UNTAGGED,
    ANY;

    /** Whether an image with these tags passes the filter. */
    public boolean matches(Collection<String> tags) {
        return switch (this) {
            case ANY -> true;
            case TAGGED -> !tags.isEmpty();
            case UNTAGGED -> tags.isEmpty();
        };
    }
}
