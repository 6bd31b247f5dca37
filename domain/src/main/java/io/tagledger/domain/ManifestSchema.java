package io.tagledger.domain;

import com.fasterxml.jackson.databind.JsonNode;


/**
 * What each accepted media type's specification requires of a manifest's structure: the OCI image
 * spec's image manifest and image index, and Docker's image manifest V2 schema 2 and manifest list.
 * Anything else (an object with only a {@code mediaType}, a {@code schemaVersion} of 1 or {@code "2"}, a
 * descriptor with a malformed digest or a size of -1 or 1.5) is not a manifest and is refused.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">OCI image manifest</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">OCI image index</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">OCI descriptor</a>
 * @see <a href="https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md">Docker schema 2</a>
 */
final class ManifestSchema {

    private ManifestSchema() {
    }

    /**
     * @return the size of the content the manifest declares: its config and layers, or 0 for an index
     * @throws RegistryException {@code InvalidParameterException} on {@code imageManifest}, naming the member at fault
     */
    static long check(JsonNode root, String mediaType) {
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != 2) {
            throw invalid("schemaVersion must be the number 2");
        }
        boolean docker = Manifest.DOCKER_MANIFEST.equals(mediaType) || Manifest.DOCKER_MANIFEST_LIST.equals(mediaType);
        if (docker && root.get("mediaType") == null) {
            throw invalid("mediaType is required in a Docker manifest");
        }
        optionalText(root, "artifactType");
        optionalAnnotations(root, "annotations");
        if (Manifest.isIndex(mediaType)) {
            JsonNode manifests = array(root, "manifests");
            for (int i = 0; i < manifests.size(); i++) {
                descriptor(manifests.get(i), "manifests[" + i + "]");
                platform(manifests.get(i), "manifests[" + i + "]", Manifest.DOCKER_MANIFEST_LIST.equals(mediaType));
            }
            return 0;
        }
        long size = descriptor(root.get("config"), "config");
        JsonNode layers = array(root, "layers");
        for (int i = 0; i < layers.size(); i++) {
            try {
                size = Math.addExact(size, descriptor(layers.get(i), "layers[" + i + "]"));
            } catch (ArithmeticException e) {
                throw invalid("the sizes of config and layers add up to more than " + Long.MAX_VALUE);
            }
        }
        if (root.has("subject")) {
            descriptor(root.get("subject"), "subject");
        }
        return size;
    }

    /** @return the descriptor's size */
    private static long descriptor(JsonNode descriptor, String path) {
        if (descriptor == null || !descriptor.isObject()) {
            throw invalid(path + " must be a descriptor object");
        }
        JsonNode mediaType = descriptor.get("mediaType");
        if (mediaType == null || !mediaType.isTextual() || mediaType.asText().isEmpty()) {
            throw invalid(path + ".mediaType must be a media type");
        }
        JsonNode digest = descriptor.get("digest");
        if (digest == null || !digest.isTextual() || !BlobDigest.isDigest(digest.asText())) {
            throw invalid(path + ".digest must be sha256: and 64, or sha512: and 128, lower-case hex digits");
        }
        JsonNode size = descriptor.get("size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
            throw invalid(path + ".size must be a non-negative integer of at most " + Long.MAX_VALUE);
        }
        JsonNode urls = descriptor.get("urls");
        if (urls != null && (!urls.isArray() || !allText(urls))) {
            throw invalid(path + ".urls must be an array of strings");
        }
        optionalText(descriptor, "artifactType");
        optionalAnnotations(descriptor, path + ".annotations");
        return size.longValue();
    }

    private static void platform(JsonNode descriptor, String path, boolean required) {
        JsonNode platform = descriptor.get("platform");
        if (platform == null && !required) {
            return;
        }
        if (platform == null || !platform.isObject() || !isText(platform.get("architecture")) || !isText(platform.get("os"))) {
            throw invalid(path + ".platform must be an object with the strings architecture and os");
        }
    }

    private static JsonNode array(JsonNode root, String member) {
        JsonNode array = root.get(member);
        if (array == null || !array.isArray()) {
            throw invalid(member + " must be an array");
        }
        return array;
    }

    private static void optionalText(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value != null && !value.isTextual()) {
            throw invalid(member + " must be a string");
        }
    }

    private static void optionalAnnotations(JsonNode node, String path) {
        JsonNode annotations = node.get("annotations");
        if (annotations != null && (!annotations.isObject() || !allText(annotations))) {
            throw invalid(path + " must be an object of strings");
        }
    }

    private static boolean allText(JsonNode container) {
        for (JsonNode element : container) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isEmpty();
    }

    private static RegistryException invalid(String constraint) {
        return RegistryException.invalidParameter("imageManifest", "Invalid manifest: " + constraint);
    }
}
