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
 *   <li>{@code SEALED}: a tag that is immutable under the repository's rules when it is pushed is sealed
 *   to its digest in that repository for ever (goharbor/harbor#12377). Its tag and image may be deleted
 *   to free storage, but it never points at another digest: not after its deletion, nor after the
 *   repository is deleted and created again under the same name, whatever protection it then has.
 *   Pushing the same digest again restores it.</li>
 * </ul>
 */
public enum TagProtection {
    NONE,
    STRICT,
    SEALED;

    /** @return {@code null} when no protection is given: a change keeps the protection it had */
    public static TagProtection parseIfGiven(String field, String text) {
        return text == null ? null : parse(field, text);
    }

    /** Whether this protection keeps the tag from being untagged or deleted, under the repository's mutability rules. */
    public boolean protects(TagMutability mutability, String tag) {
        return this == STRICT && mutability.isImmutable(tag);
    }

    /** Whether a push of this tag seals it to its digest, under the repository's mutability rules. */
    public boolean seals(TagMutability mutability, String tag) {
        return this == SEALED && mutability.isImmutable(tag);
    }

    public static TagProtection parse(String field, String text) {
        for (TagProtection protection : values()) {
            if (protection.name().equals(text)) {
                return protection;
            }
        }
        throw RegistryException.invalidParameter(field, "Member must satisfy enum value set: [NONE, STRICT, SEALED]");
    }
}
