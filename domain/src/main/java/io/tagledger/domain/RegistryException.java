package io.tagledger.domain;

import org.axonframework.common.AxonNonTransientException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request refused or failed, for a reason in the catalogue ({@link Refusal}): the domain's rules
 * and the protocols' alike. Non-transient, so that Axon's retry scheduler never retries it. It carries
 * the subjects its wording names (repository, tag, digest, member...), so that each API can say it
 * the way its clients expect: with its own member names, and with the registry where it has one.
 */
public class RegistryException extends AxonNonTransientException {

    private final Refusal rule;
    private final Map<String, String> subjects;

    private RegistryException(Refusal rule, Map<String, String> subjects) {
        super(rule.message(subjects));
        this.rule = rule;
        this.subjects = Collections.unmodifiableMap(subjects);
    }

    /** @param subjects names and values, alternately; a {@code null} value is an absent subject */
    public static RegistryException of(Refusal rule, String... subjects) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < subjects.length; i += 2) {
            if (subjects[i + 1] != null) {
                named.put(subjects[i], subjects[i + 1]);
            }
        }
        return new RegistryException(rule, named);
    }

    /** @param member the request member at fault, named as ECR names it (the REST API renames its own) */
    public static RegistryException invalidParameter(String member, String constraint) {
        return of(Refusal.INVALID_PARAMETER, "member", member, "constraint", constraint);
    }

    public static RegistryException repositoryAlreadyExists(String repository) {
        return of(Refusal.REPOSITORY_ALREADY_EXISTS, "repository", repository);
    }

    public static RegistryException templateAlreadyExists(String prefix) {
        return of(Refusal.TEMPLATE_ALREADY_EXISTS, "prefix", prefix);
    }

    public static RegistryException templateNotFound(String prefix) {
        return of(Refusal.TEMPLATE_NOT_FOUND, "prefix", prefix);
    }

    public static RegistryException repositoryNotFound(String repository) {
        return of(Refusal.REPOSITORY_NOT_FOUND, "repository", repository);
    }

    public static RegistryException lifecyclePolicyNotFound(String repository) {
        return of(Refusal.LIFECYCLE_POLICY_NOT_FOUND, "repository", repository);
    }

    public static RegistryException repositoryNotEmpty(String repository) {
        return of(Refusal.REPOSITORY_NOT_EMPTY, "repository", repository);
    }

    public static RegistryException imageAlreadyExists(String repository, String digest, String tag) {
        return of(Refusal.IMAGE_ALREADY_EXISTS, "repository", repository, "digest", digest, "tag", tag);
    }

    public static RegistryException imageTagAlreadyExists(String repository, String tag) {
        return of(Refusal.IMMUTABLE_TAG_EXISTS, "repository", repository, "tag", tag);
    }

    public static RegistryException tagPublishedAsImmutable(String repository, String tag) {
        return of(Refusal.TAG_PUBLISHED_AS_IMMUTABLE, "repository", repository, "tag", tag);
    }

    /** @param change what was refused, as the message says it: "untagged", "deleted" */
    public static RegistryException tagSealed(String repository, String tag, String sealedDigest) {
        return of(Refusal.TAG_SEALED, "repository", repository, "tag", tag, "sealedDigest", sealedDigest);
    }

    public static RegistryException sealedTagRelease(String repository, String tag) {
        return of(Refusal.SEALED_TAG_RELEASE, "repository", repository, "tag", tag);
    }

    public static RegistryException releaseNotNeeded(String repository, String tag) {
        return of(Refusal.RELEASE_NOT_NEEDED, "repository", repository, "tag", tag);
    }

    public static RegistryException tagProtected(String repository, String tag, String change) {
        return of(Refusal.PROTECTED_TAG_CHANGE, "repository", repository, "tag", tag, "change", change);
    }

    public static RegistryException strictProtectionIsFinal(String repository) {
        return of(Refusal.STRICT_PROTECTION_IS_FINAL, "repository", repository, "member", "tagProtection");
    }

    public static RegistryException protectedRepository(String repository) {
        return of(Refusal.PROTECTED_REPOSITORY, "repository", repository);
    }

    public static RegistryException imageDigestDoesNotMatch(String repository, String expected, String actual) {
        return of(Refusal.DIGEST_DOES_NOT_MATCH, "repository", repository, "digest", expected, "computed", actual,
                "member", "imageDigest");
    }

    public static RegistryException tagNotFound(String repository, String tag) {
        return of(Refusal.TAG_NOT_FOUND, "repository", repository, "tag", tag);
    }

    public static RegistryException tagDoesNotMatchDigest(String repository, String tag, String digest) {
        return of(Refusal.TAG_DOES_NOT_MATCH_DIGEST, "repository", repository, "tag", tag, "digest", digest);
    }

    public static RegistryException imageNotFound(String repository, String digest) {
        return of(Refusal.IMAGE_NOT_FOUND, "repository", repository, "digest", digest);
    }

    public ErrorCode code() {
        return rule.code();
    }

    /** The reason in the catalogue; several share a code. */
    public Refusal rule() {
        return rule;
    }

    /**
     * The message as an API says it.
     *
     * @param registry the registry to name where the wording has a place for it (unless the refusal names one), or {@code null}
     * @param member   the API's own name for the member at fault, or {@code null} to keep ECR's
     */
    public String message(String registry, String member) {
        Map<String, String> said = new LinkedHashMap<>(subjects);
        if (registry != null) {
            said.putIfAbsent("registry", registry);
        }
        if (member != null) {
            said.put("member", member);
        }
        return rule.message(said);
    }

    /** Every subject its wording names, by name: with {@link #rule()}, all that a refusal is. */
    public Map<String, String> subjects() {
        return subjects;
    }

    /** The refusal again, from its rule and subjects (as another node answered it). */
    public static RegistryException of(Refusal rule, Map<String, String> subjects) {
        return new RegistryException(rule, new LinkedHashMap<>(subjects));
    }

    public String subject(String name) {
        return subjects.get(name);
    }

    public String repository() {
        return subjects.get("repository");
    }

    public String tag() {
        return subjects.get("tag");
    }

    public String digest() {
        return subjects.get("digest");
    }

    /** The request member the refusal is about, or {@code null} when it is about state, not input. */
    public String field() {
        return subjects.get("member");
    }
}
