package io.tagledger.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.api.blobs.BlobStore;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.trust.SignatureEvidence;
import io.tagledger.domain.trust.SignatureFormats;
import io.tagledger.query.messages.FindManifest;
import io.tagledger.query.messages.FindReferrers;
import io.tagledger.query.messages.ManifestContent;
import io.tagledger.query.messages.Referrers;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds what may sign an image in its repository, for the repository to verify: the manifest under cosign's
 * {@code sha256-<hex>.sig} tag, and the image's referrers (cosign's OCI 1.1 mode and Notation), each with
 * the content of its signature layers. It judges nothing: the repository does ({@code SignatureVerifier}).
 */
@Component
class Signatures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryQueries queries;
    private final BlobStore blobs;

    Signatures(RegistryQueries queries, BlobStore blobs) {
        this.queries = queries;
        this.blobs = blobs;
    }

    List<SignatureEvidence> of(RepositoryName name, String digest) {
        List<SignatureEvidence> found = new ArrayList<>();
        long[] budget = {SignatureFormats.MAX_EVIDENCE_BYTES};
        String cosignTag = SignatureFormats.cosignTag(digest);
        manifest(name, cosignTag).ifPresent(manifest -> found.add(evidence(name, "tag " + cosignTag, manifest, budget)));
        List<Referrers.Referrer> referrers = queries.find(new FindReferrers(name.value(), digest, null), Referrers.class)
                .map(Referrers::manifests).orElse(List.of());
        for (Referrers.Referrer referrer : referrers) {
            if (found.size() >= SignatureFormats.MAX_EVIDENCE) {
                break;
            }
            manifest(name, referrer.digest()).ifPresent(manifest -> found.add(evidence(name, "referrer", manifest, budget)));
        }
        return found;
    }

    private Optional<ManifestContent> manifest(RepositoryName name, String reference) {
        return queries.find(new FindManifest(name.value(), reference), ManifestContent.class);
    }

    /**
     * The manifest, with the content of each layer a signature format reads, when it is in the repository and
     * fits what is left of the budget ({@code budget[0]} bytes).
     */
    private SignatureEvidence evidence(RepositoryName name, String source, ManifestContent manifest, long[] budget) {
        Map<String, String> content = new HashMap<>();
        for (JsonNode layer : layers(manifest.manifest())) {
            String digest = layer.path("digest").asText();
            if (SignatureFormats.LAYER_MEDIA_TYPES.contains(layer.path("mediaType").asText()) && !content.containsKey(digest)
                    && blobs.isLinked(name.value(), digest)) {
                read(digest, budget[0]).ifPresent(bytes -> {
                    budget[0] -= bytes.length;
                    content.put(digest, Base64.getEncoder().encodeToString(bytes));
                });
            }
        }
        return new SignatureEvidence(source, manifest.digest(), manifest.manifest(), content);
    }

    private static JsonNode layers(String manifest) {
        try {
            return JSON.readTree(manifest).path("layers");
        } catch (IOException | RuntimeException unreadable) {
            return JSON.createArrayNode();
        }
    }

    private Optional<byte[]> read(String digest, long budget) {
        try {
            Optional<Long> size = blobs.size(digest);
            if (size.isEmpty() || size.get() > Math.min(SignatureFormats.MAX_LAYER_BYTES, budget)) {
                return Optional.empty();
            }
            try (InputStream in = blobs.open(digest, 0)) {
                return Optional.of(in.readNBytes(SignatureFormats.MAX_LAYER_BYTES));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
