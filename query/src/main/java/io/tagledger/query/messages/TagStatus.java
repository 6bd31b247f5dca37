package io.tagledger.query.messages;

import io.tagledger.domain.RegistryException;

import java.util.Collection;

/** ECR's image filter: images with at least one tag, without any, or all. */
public enum TagStatus {
    TAGGED,
    UNTAGGED,
    ANY;

    /** @param member the request member, named as its API names it; without a value, ANY */
    public static TagStatus parse(String member, String text) {
        if (text == null) {
            return ANY;
        }
        for (TagStatus status : values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        throw RegistryException.invalidParameter(member, "Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]");
    }

    /** Whether an image with these tags passes the filter. */
    public boolean matches(Collection<String> tags) {
        return switch (this) {
            case ANY -> true;
            case TAGGED -> !tags.isEmpty();
            case UNTAGGED -> tags.isEmpty();
        };
    }
}
