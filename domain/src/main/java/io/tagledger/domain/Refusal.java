package io.tagledger.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The error catalogue: every reason any API refuses or fails a request, the domain's rules and the
 * protocols' alike, each with its {@link ErrorCode} and its one wording. Several reasons share a code
 * (ECR has one name for both immutability refusals), so a refusal names its reason too, and a test can
 * tell which rule fired. Each API's mapper turns a refusal into its wire format; none words a message.
 *
 * <p>A wording names its subjects as {@code ${name}}; {@code ${name:}} leaves an absent one empty
 * rather than {@code null}. A clause in {@code $[...]} is said only when its subjects are known: the
 * ECR API names the registry (it has one), the REST API and the audit trail do not.
 */
public enum Refusal {
    // The domain's rules
    INVALID_PARAMETER(ErrorCode.INVALID_PARAMETER, Wordings.INVALID_PARAMETER),
    /** A manifest over the size any API takes: an invalid parameter, which a registry answers as too large. */
    MANIFEST_TOO_LARGE(ErrorCode.INVALID_PARAMETER, Wordings.INVALID_PARAMETER),
    REPOSITORY_ALREADY_EXISTS(ErrorCode.REPOSITORY_ALREADY_EXISTS,
            "The repository with name '${repository}' already exists$[ in the registry with id '${registry}']"),
    REPOSITORY_NOT_FOUND(ErrorCode.REPOSITORY_NOT_FOUND,
            "The repository with name '${repository}' does not exist$[ in the registry with id '${registry}']"),
    TEMPLATE_ALREADY_EXISTS(ErrorCode.TEMPLATE_ALREADY_EXISTS,
            "The repository creation template with prefix '${prefix}' already exists$[ in the registry with id '${registry}']"),
    TEMPLATE_NOT_FOUND(ErrorCode.TEMPLATE_NOT_FOUND,
            "The repository creation template with prefix '${prefix}' does not exist$[ in the registry with id '${registry}']"),
    INVALID_TAG_PARAMETER(ErrorCode.INVALID_TAG_PARAMETER, "An invalid parameter has been specified. Tag keys can have a maximum "
            + "character length of 128 characters, and tag values can have a maximum length of 256 characters."),
    RESERVED_TAG_KEY(ErrorCode.INVALID_TAG_PARAMETER, "The tag key '${key}' begins with 'aws:', which is reserved for AWS use."),
    TOO_MANY_TAGS(ErrorCode.TOO_MANY_TAGS, "The list of tags on the repository is over the limit. The maximum number of tags "
            + "that can be applied to a repository is 50."),
    REPOSITORY_POLICY_NOT_FOUND(ErrorCode.REPOSITORY_POLICY_NOT_FOUND,
            "Repository policy does not exist for the repository with name '${repository}'$[ in the registry with id '${registry}']"),
    LIFECYCLE_POLICY_NOT_FOUND(ErrorCode.LIFECYCLE_POLICY_NOT_FOUND,
            "Lifecycle policy does not exist for the repository with name '${repository}'$[ in the registry with id '${registry}']"),
    /** The repository's trust policy, in ENFORCE mode, lets a tag move only onto an image a trusted key signed. */
    TAG_NOT_SIGNED(ErrorCode.IMAGE_SIGNATURE_REQUIRED, "The image tag '${tag}' in the '${repository}' repository cannot point at "
            + "'${digest}': the repository's trust policy (${policy}) requires a signature of that image by a trusted key, and "
            + "${verdict}."),
    LIFECYCLE_POLICY_PREVIEW_NOT_FOUND(ErrorCode.LIFECYCLE_POLICY_PREVIEW_NOT_FOUND,
            "No lifecycle policy preview was started for the repository with name '${repository}'$[ in the registry with id '${registry}']"),
    REPOSITORY_NOT_EMPTY(ErrorCode.REPOSITORY_NOT_EMPTY,
            "The repository with name '${repository}'$[ in registry with id '${registry}'] cannot be deleted because it still contains images"),
    IMAGE_ALREADY_EXISTS(ErrorCode.IMAGE_ALREADY_EXISTS, "Image with digest '${digest}' and tag '${tag:}' already exists in the "
            + "repository with name '${repository}'$[ in registry with id '${registry}']"),
    /** An immutable tag that exists cannot point to other content (ECR's rule). */
    IMMUTABLE_TAG_EXISTS(ErrorCode.IMAGE_TAG_ALREADY_EXISTS, "The image tag '${tag}' already exists in the '${repository}' "
            + "repository and cannot be overwritten because the repository is immutable."),
    /** Under STRICT protection, a tag once published as immutable never points to other content, even after its image is gone. */
    TAG_PUBLISHED_AS_IMMUTABLE(ErrorCode.IMAGE_TAG_ALREADY_EXISTS, "The image tag '${tag}' was published as immutable in the "
            + "'${repository}' repository and cannot point to other content, because the repository's tag protection is STRICT."),
    /** A tag sealed under SEALED protection never points at another digest in its repository, deleted or not. */
    TAG_SEALED(ErrorCode.TAG_PROTECTED, "The image tag '${tag}' is sealed to '${sealedDigest}' in the '${repository}' repository "
            + "and can never point at other content."),
    /** A sealed tag is bound for ever: no release unbinds it. */
    SEALED_TAG_RELEASE(ErrorCode.TAG_PROTECTED, "The image tag '${tag}' is sealed in the '${repository}' repository and cannot be released."),
    /** Only what the repository's rules keep from changing needs a release. */
    RELEASE_NOT_NEEDED(ErrorCode.INVALID_PARAMETER, "The image tag '${tag}' in the '${repository}' repository is mutable and "
            + "needs no release."),
    /** Under STRICT protection, an immutable tag can be neither untagged nor deleted. */
    PROTECTED_TAG_CHANGE(ErrorCode.TAG_PROTECTED, "The image tag '${tag}' in the '${repository}' repository is immutable and "
            + "cannot be ${change}, because the repository's tag protection is STRICT."),
    /** STRICT protection cannot be turned off. */
    STRICT_PROTECTION_IS_FINAL(ErrorCode.TAG_PROTECTED,
            "The tag protection of the '${repository}' repository is STRICT and cannot be turned off."),
    /** A repository that published immutable tags under STRICT protection cannot be deleted. */
    PROTECTED_REPOSITORY(ErrorCode.TAG_PROTECTED,
            "The '${repository}' repository has published immutable tags under STRICT tag protection and cannot be deleted."),
    DIGEST_DOES_NOT_MATCH(ErrorCode.IMAGE_DIGEST_DOES_NOT_MATCH,
            "The supplied image digest '${digest}' does not match the digest '${computed}' computed from the manifest"),
    TAG_NOT_FOUND(ErrorCode.IMAGE_NOT_FOUND, Wordings.IMAGE_NOT_FOUND),
    IMAGE_NOT_FOUND(ErrorCode.IMAGE_NOT_FOUND, Wordings.IMAGE_NOT_FOUND),
    TAG_DOES_NOT_MATCH_DIGEST(ErrorCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
            "The image tag '${tag}' does not point to the image with digest '${digest}'"),

    /** A manifest format that registries have given up (Docker schema 1), refused once the rules on its tag are checked. */
    UNSUPPORTED_MANIFEST(ErrorCode.UNSUPPORTED_IMAGE_TYPE,
            "The manifest media type '${mediaType}' is not supported: push an OCI or a Docker schema 2 manifest"),

    // Blobs and their uploads
    BLOB_NOT_FOUND(ErrorCode.LAYERS_NOT_FOUND, "The blob with digest '${digest}' does not exist in the repository with name '${repository}'"),
    MANIFEST_BLOBS_MISSING(ErrorCode.LAYERS_NOT_FOUND, "Layers with digests '${digests}' required for pushing image into repository "
            + "with name '${repository}'$[ in the registry with id '${registry}'] do not exist"),
    MANIFEST_CHILDREN_MISSING(ErrorCode.REFERENCED_IMAGES_NOT_FOUND, "The manifests with digests '${digests}' that the index "
            + "references do not exist in the repository with name '${repository}'"),
    UPLOAD_NOT_FOUND(ErrorCode.UPLOAD_NOT_FOUND,
            "The upload with id '${upload}' does not exist: it was never started, or was completed, cancelled or expired"),
    UPLOAD_OUT_OF_ORDER(ErrorCode.INVALID_LAYER_PART,
            "The chunk starts at byte ${offset} but the upload holds ${size} bytes: chunks must come in order"),
    UPLOAD_SIZE_MISMATCH(ErrorCode.INVALID_LAYER_PART, "The request declared ${declared} bytes, but ${received} arrived"),
    UPLOAD_DIGEST_MISMATCH(ErrorCode.INVALID_LAYER, "The uploaded content has the digest '${computed}', not '${digest}'"),

    // One entry of a batch (ECR's failure reasons)
    BATCH_IMAGE_NOT_FOUND(ErrorCode.BATCH_IMAGE_NOT_FOUND, "Requested image not found"),
    BATCH_TAG_DOES_NOT_MATCH_DIGEST(ErrorCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
            "Invalid request parameters: given tag does not map to the given digest"),
    BATCH_MISSING_DIGEST_AND_TAG(ErrorCode.BATCH_MISSING_DIGEST_AND_TAG, "Invalid request parameters: both tag and digest cannot be null"),
    BATCH_INVALID_IMAGE_DIGEST(ErrorCode.BATCH_INVALID_IMAGE_DIGEST,
            "Invalid request parameters: image digest should satisfy the regex '" + ImageDigest.PATTERN + "'"),
    BATCH_INVALID_IMAGE_TAG(ErrorCode.BATCH_INVALID_IMAGE_TAG, "Invalid request parameters: ${constraint}"),

    // The protocols
    MALFORMED_JSON(ErrorCode.SERIALIZATION, "Malformed JSON in the request body"),
    NOT_A_JSON_OBJECT(ErrorCode.SERIALIZATION, "The request body must be a JSON object"),
    UNEXPECTED_MEMBER_TYPE(ErrorCode.SERIALIZATION, "Unexpected value type for member '${member}'"),
    UNREADABLE_BODY(ErrorCode.SERIALIZATION, "Unreadable request body"),
    MISSING_OPERATION(ErrorCode.UNKNOWN_OPERATION, "Missing X-Amz-Target header"),
    UNKNOWN_OPERATION(ErrorCode.UNKNOWN_OPERATION, "Unknown operation ${operation}"),
    NO_SUCH_PATH(ErrorCode.UNKNOWN_OPERATION, "No operation is served at this path"),
    METHOD_NOT_ALLOWED(ErrorCode.UNKNOWN_OPERATION, "This path does not take this method"),
    NO_SUCH_PROJECTION(ErrorCode.UNKNOWN_OPERATION, "No projection ${name}; there are ${names}"),
    MALFORMED_REQUEST(ErrorCode.INVALID_PARAMETER, "The request line or headers are malformed, or larger than the server accepts"),
    REQUEST_LINE_TOO_LARGE(ErrorCode.INVALID_PARAMETER, "The request line or headers are larger than the server accepts"),
    BODY_TOO_LARGE(ErrorCode.INVALID_PARAMETER, "The request body is larger than the server accepts"),
    CANNOT_SERVE(ErrorCode.INVALID_PARAMETER, "The request cannot be served"),

    // Authentication
    MISSING_AUTHENTICATION_TOKEN(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token"),
    MALFORMED_AUTHORIZATION(ErrorCode.INCOMPLETE_SIGNATURE, "The Authorization header is not a valid ${algorithm} authorization"),
    MISSING_SIGNING_DATE(ErrorCode.INCOMPLETE_SIGNATURE,
            "The request must carry an X-Amz-Date header matching the date of its credential scope"),
    INVALID_CREDENTIALS(ErrorCode.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid."),
    WRONG_REGION(ErrorCode.INVALID_SIGNATURE, "Credential should be scoped to a valid region. This registry serves '${region}'."),
    WRONG_SERVICE(ErrorCode.INVALID_SIGNATURE, "Credential should be scoped to correct service: '${service}'."),
    HOST_NOT_SIGNED(ErrorCode.INVALID_SIGNATURE, "'Host' must be a signed header."),
    SIGNATURE_EXPIRED(ErrorCode.INVALID_SIGNATURE,
            "Signature expired: ${signed} is now earlier or later than ${now} by more than ${minutes} minutes."),
    SIGNATURE_MISMATCH(ErrorCode.INVALID_SIGNATURE, "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method."),

    // Authorization
    ACCESS_DENIED(ErrorCode.ACCESS_DENIED, "User: ${user} is not authorized to perform: ${action} on resource: ${resource}"),
    /** The repository's policy denies the action, whatever the grants give (AWS's wording). */
    ACCESS_DENIED_BY_REPOSITORY_POLICY(ErrorCode.ACCESS_DENIED, "User: ${user} is not authorized to perform: ${action} on resource: "
            + "${resource} with an explicit deny in a resource-based policy"),
    /** The caller's grants give the action on the repository, but not on this tag. */
    TAG_ACCESS_DENIED(ErrorCode.ACCESS_DENIED, "User: ${user} is not authorized to perform: ${action} on resource: ${resource} "
            + "for the image tag '${tag}'"),
    CROSS_ORIGIN(ErrorCode.ACCESS_DENIED, "A request from another origin cannot change state"),

    // The service
    STORAGE_UNAVAILABLE(ErrorCode.SERVICE_UNAVAILABLE,
            "The storage is unavailable (see /actuator/health); try again in ${retryAfterSeconds} s"),
    OWNER_UNAVAILABLE(ErrorCode.SERVICE_UNAVAILABLE,
            "No node can decide for repository '${repository}' at the moment; try again in ${retryAfterSeconds} s"),
    INTERNAL_ERROR(ErrorCode.SERVER_ERROR, "An internal error occurred");

    private final ErrorCode code;
    private final String wording;

    Refusal(ErrorCode code, String wording) {
        this.code = code;
        this.wording = wording;
    }

    public ErrorCode code() {
        return code;
    }

    /** The wording, as written, with its {@code ${subject}} marks. */
    public String wording() {
        return wording;
    }

    /** The subjects the wording names. */
    public Set<String> subjects() {
        Set<String> subjects = new TreeSet<>();
        for (Part part : parse(wording, 0, false).parts()) {
            part.collect(subjects);
        }
        return subjects;
    }

    /** The message, with the subjects given; a clause whose subjects are not all given is left out. */
    public String message(Map<String, String> subjects) {
        StringBuilder message = new StringBuilder();
        for (Part part : parse(wording, 0, false).parts()) {
            part.render(subjects, message);
        }
        return message.toString();
    }

    private static final class Wordings {
        static final String INVALID_PARAMETER = "Invalid parameter at '${member}' failed to satisfy constraint: '${constraint}'";
        static final String IMAGE_NOT_FOUND = "The image with imageId {imageDigest:'${digest}', imageTag:'${tag}'} does not exist "
                + "within the repository with name '${repository}'$[ in the registry with id '${registry}']";
    }

    private sealed interface Part permits Text, Subject, Clause {
        void render(Map<String, String> subjects, StringBuilder out);

        void collect(Set<String> names);
    }

    private record Text(String text) implements Part {
        public void render(Map<String, String> subjects, StringBuilder out) {
            out.append(text);
        }

        public void collect(Set<String> names) {
        }
    }

    private record Subject(String name, boolean emptyWhenAbsent) implements Part {
        public void render(Map<String, String> subjects, StringBuilder out) {
            String value = subjects.get(name);
            out.append(value != null ? value : emptyWhenAbsent ? "" : "null");
        }

        public void collect(Set<String> names) {
            names.add(name);
        }
    }

    private record Clause(List<Part> parts) implements Part {
        public void render(Map<String, String> subjects, StringBuilder out) {
            Set<String> needed = new TreeSet<>();
            collect(needed);
            if (needed.stream().allMatch(name -> subjects.get(name) != null)) {
                parts.forEach(part -> part.render(subjects, out));
            }
        }

        public void collect(Set<String> names) {
            parts.forEach(part -> part.collect(names));
        }
    }

    private record Parsed(List<Part> parts, int end) {
    }

    private static Parsed parse(String wording, int from, boolean inClause) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = from;
        while (i < wording.length()) {
            if (wording.startsWith("${", i)) {
                int close = wording.indexOf('}', i);
                flush(text, parts);
                String name = wording.substring(i + 2, close);
                parts.add(name.endsWith(":") ? new Subject(name.substring(0, name.length() - 1), true) : new Subject(name, false));
                i = close + 1;
            } else if (wording.startsWith("$[", i)) {
                flush(text, parts);
                Parsed clause = parse(wording, i + 2, true);
                parts.add(new Clause(clause.parts()));
                i = clause.end() + 1;
            } else if (inClause && wording.charAt(i) == ']') {
                flush(text, parts);
                return new Parsed(parts, i);
            } else {
                text.append(wording.charAt(i++));
            }
        }
        flush(text, parts);
        return new Parsed(parts, i);
    }

    private static void flush(StringBuilder text, List<Part> parts) {
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
            text.setLength(0);
        }
    }
}
