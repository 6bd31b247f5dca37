package io.tagledger.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An image manifest exactly as pushed. The digest is computed from these bytes, and the bytes are
 * what every reader gets back: the manifest is never re-serialized.
 *
 * @param content   the manifest text; it is valid UTF-8 JSON, so the text and its bytes convert losslessly
 * @param mediaType one of {@link #MEDIA_TYPES}
 * @param digest    {@code sha256} of the bytes
 * @param sizeBytes the size of the content the manifest declares (config and layers), 0 for an index
 */
public record Manifest(String content, String mediaType, ImageDigest digest, long sizeBytes) {

    public static final int MAX_BYTES = 4 * 1024 * 1024;

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final Set<String> MEDIA_TYPES = Set.of(DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_MANIFEST, OCI_INDEX);
    /**
     * Docker's schema 1, which registry clients still try when a push is refused. It is taken only to be
     * refused by the aggregate, after the rules on its tag, so that such a retry is refused as the push was.
     */
    public static final Set<String> LEGACY_MEDIA_TYPES = Set.of("application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Parses pushed manifest bytes.
     *
     * @param declaredMediaType the media type the client gave beside the manifest, or {@code null}:
     *                          then the manifest's own {@code mediaType} member decides
     */
    public static Manifest parse(byte[] bytes, String declaredMediaType) {
        if (bytes == null || bytes.length == 0) {
            throw RegistryException.invalidParameter("imageManifest", "Member must have length greater than or equal to 1");
        }
        if (bytes.length > MAX_BYTES) {
            throw RegistryException.of(Refusal.MANIFEST_TOO_LARGE, "member", "imageManifest",
                    "constraint", "Member must have length less than or equal to " + MAX_BYTES);
        }
        String content = strictUtf8(bytes);
        JsonNode root = parseJson(content);
        String mediaType = resolveMediaType(root, declaredMediaType);
        if (LEGACY_MEDIA_TYPES.contains(mediaType)) {
            return new Manifest(content, mediaType, ImageDigest.of(bytes), 0);
        }
        return new Manifest(content, mediaType, ImageDigest.of(bytes), ManifestSchema.check(root, mediaType));
    }

    /**
     * Parses a manifest given as text (as ECR's JSON API carries it). Text that has no UTF-8 form, such
     * as a lone surrogate, is refused: {@code getBytes} would store a {@code ?} in its place.
     */
    public static Manifest parse(String text, String declaredMediaType) {
        if (text == null) {
            throw RegistryException.invalidParameter("imageManifest", "Member must not be null");
        }
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw RegistryException.invalidParameter("imageManifest", "Invalid JSON syntax: manifest has characters with no UTF-8 form");
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return parse(bytes, declaredMediaType);
    }

    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    /** Content types that say nothing about which manifest this is; the manifest's own mediaType decides. */
    private static final Set<String> UNSPECIFIC_TYPES = Set.of("application/octet-stream", "application/json",
            "application/x-www-form-urlencoded", "text/plain");

    /** The media type an HTTP {@code Content-Type} declares for a manifest, or {@code null} when it declares none. */
    public static String mediaTypeDeclaredBy(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.isEmpty() || UNSPECIFIC_TYPES.contains(type) ? null : type;
    }

    public boolean isLegacy() {
        return LEGACY_MEDIA_TYPES.contains(mediaType);
    }

    /** What the manifest names: its blobs (config and layers), its child manifests (an index's), and its subject. */
    public References references() {
        return referencesOf(content);
    }

    /**
     * What manifest text names, read leniently: a projection reading a stored manifest must never fail on
     * content that an earlier version accepted. Anything unreadable or absent reads as absent.
     */
    public static References referencesOf(String content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException | RuntimeException unreadable) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return new References(List.of(), List.of(), null, null, Map.of());
        }
        List<String> blobs = new ArrayList<>();
        addDigest(root.path("config"), blobs);
        root.path("layers").forEach(layer -> addDigest(layer, blobs));
        List<String> manifests = new ArrayList<>();
        root.path("manifests").forEach(child -> addDigest(child, manifests));
        JsonNode subject = root.path("subject").path("digest");
        String artifactType = root.path("artifactType").isTextual() ? root.path("artifactType").asText()
                : root.path("config").path("mediaType").isTextual() ? root.path("config").path("mediaType").asText() : null;
        Map<String, String> annotations = new LinkedHashMap<>();
        root.path("annotations").fields().forEachRemaining(entry -> annotations.put(entry.getKey(), entry.getValue().asText()));
        return new References(blobs, manifests, subject.isTextual() ? subject.asText() : null, artifactType, annotations);
    }

    private static void addDigest(JsonNode descriptor, List<String> digests) {
        if (descriptor.path("digest").isTextual()) {
            digests.add(descriptor.path("digest").asText());
        }
    }

    /**
     * @param blobs        the digests of its config and layers
     * @param manifests    the digests of an index's child manifests
     * @param subject      the digest of the manifest this one refers to, or {@code null}
     * @param artifactType its {@code artifactType}, else its config's media type, as the referrers API reports it
     */
    public record References(List<String> blobs, List<String> manifests, String subject, String artifactType,
                             Map<String, String> annotations) {
    }

    public static boolean isIndex(String mediaType) {
        return DOCKER_MANIFEST_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType);
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw RegistryException.invalidParameter("imageManifest", "Invalid JSON syntax: manifest is not UTF-8");
        }
    }

    private static JsonNode parseJson(String content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw RegistryException.invalidParameter("imageManifest", "Invalid JSON syntax");
        }
        if (root == null || !root.isObject()) {
            throw RegistryException.invalidParameter("imageManifest", "Invalid JSON syntax: manifest must be a JSON object");
        }
        return root;
    }

    private static String resolveMediaType(JsonNode root, String declared) {
        JsonNode field = root.get("mediaType");
        if (field != null && !field.isTextual()) {
            throw RegistryException.invalidParameter("imageManifest", "Member mediaType of the manifest must be a string");
        }
        String own = field == null ? null : field.asText();
        String declaredType = declared == null || declared.isBlank() ? null : declared.trim();
        if (declaredType != null && own != null && !declaredType.equals(own)) {
            throw RegistryException.invalidParameter("imageManifestMediaType",
                    "Media type '" + declaredType + "' does not match the manifest's mediaType '" + own + "'");
        }
        String mediaType = declaredType != null ? declaredType : own;
        if (mediaType == null) {
            throw RegistryException.invalidParameter("imageManifestMediaType",
                    "Media type not provided in the manifest or the request");
        }
        if (!MEDIA_TYPES.contains(mediaType) && !LEGACY_MEDIA_TYPES.contains(mediaType)) {
            throw RegistryException.invalidParameter("imageManifestMediaType",
                    "Member must satisfy enum value set: " + MEDIA_TYPES.stream().sorted().toList());
        }
        return mediaType;
    }
}
