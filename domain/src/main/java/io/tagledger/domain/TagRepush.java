package io.tagledger.domain;

/**
 * What a repository does with a push of the digest that a tag already has, beyond ECR: CI pipelines
 * re-run, and ECR refuses the same content again under an immutable tag (aws/containers-roadmap#2179).
 *
 * <ul>
 *   <li>{@code REFUSE}: ECR's behaviour, the default.</li>
 *   <li>{@code ACCEPT_SAME_DIGEST}: a registry's push (the OCI API) or the REST API's of a tag's current
 *   digest succeeds and changes nothing, whether the tag is immutable or not. ECR's {@code PutImage}
 *   keeps its documented {@code ImageAlreadyExistsException}.</li>
 * </ul>
 */
public enum TagRepush {
    REFUSE,
    ACCEPT_SAME_DIGEST;

    /** @return {@code null} when none is given */
    public static TagRepush parseIfGiven(String field, String text) {
        if (text == null) {
            return null;
        }
        for (TagRepush repush : values()) {
            if (repush.name().equals(text)) {
                return repush;
            }
        }
        throw RegistryException.invalidParameter(field, "Member must satisfy enum value set: [REFUSE, ACCEPT_SAME_DIGEST]");
    }
}
