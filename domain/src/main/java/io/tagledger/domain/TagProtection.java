package io.tagledger.domain;

/**
 * How far a repository protects its immutable tags, beyond ECR.
 *
 * <ul>
 *   <li>{@code NONE}: ECR's behaviour. An immutable tag cannot move, but it can be untagged or its
 *   image deleted, and then pushed again with other content.</li>
 *   <li>{@code STRICT}: a tag that is immutable under the repository's rules can be neither untagged
 *   nor deleted, and a tag published as immutable while STRICT can never point to other content
 *   again, not even after its image is gone. STRICT cannot be turned off, and a repository that has
 *   published such a tag cannot be deleted: write-once, as regulated users ask for.</li>
 * </ul>
 */
public enum TagProtection {
    NONE,
    STRICT;

    /** @return {@code null} when no protection is given: a change keeps the protection it had */
    public static TagProtection parseIfGiven(String field, String text) {
        return text == null ? null : parse(field, text);
    }

    /** Whether this protection keeps the tag from being untagged or deleted, under the repository's mutability rules. */
    public boolean protects(TagMutability mutability, String tag) {
        return this == STRICT && mutability.isImmutable(tag);
    }

    public static TagProtection parse(String field, String text) {
        for (TagProtection protection : values()) {
            if (protection.name().equals(text)) {
                return protection;
            }
        }
        throw RegistryException.invalidParameter(field, "Member must satisfy enum value set: [NONE, STRICT]");
    }
}
