package io.tagledger.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** ECR's four tag mutability settings. */
public enum TagMutabilityMode {
    MUTABLE,
    IMMUTABLE,
    IMMUTABLE_WITH_EXCLUSION,
    MUTABLE_WITH_EXCLUSION;

    public static TagMutabilityMode parse(String field, String text) {
        for (TagMutabilityMode mode : values()) {
            if (mode.name().equals(text)) {
                return mode;
            }
        }
        throw RegistryException.invalidParameter(field, "Member must satisfy enum value set: ["
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + "]");
    }

    public boolean takesExclusionFilters() {
        return this == IMMUTABLE_WITH_EXCLUSION || this == MUTABLE_WITH_EXCLUSION;
    }
}
