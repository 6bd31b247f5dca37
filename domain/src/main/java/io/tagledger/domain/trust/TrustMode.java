package io.tagledger.domain.trust;

import io.tagledger.domain.RegistryException;

/** What a repository's trust policy does with a tag move whose image no trusted key signed. */
public enum TrustMode {
    /** Signatures are not looked at. */
    OFF,
    /** The verdict is recorded in the trail, and the move goes ahead either way. */
    AUDIT,
    /** The move goes ahead only onto an image that a trusted key signed; the verdict is recorded either way. */
    ENFORCE;

    public static TrustMode parse(String field, String text) {
        for (TrustMode mode : values()) {
            if (mode.name().equals(text)) {
                return mode;
            }
        }
        throw RegistryException.invalidParameter(field, "Member must satisfy enum value set: [OFF, AUDIT, ENFORCE]");
    }
}
