package io.tagledger.domain;

/** Small, valid manifests for tests (the API module's too, through this module's test jar); {@code seed} makes each one's digest different. */
public final class Manifests {

    private Manifests() {
    }

    public static String ociManifest(String seed) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":100,"
                + "\"digest\":\"sha256:" + "a".repeat(64) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":1000,"
                + "\"digest\":\"sha256:" + "b".repeat(64) + "\"}],"
                + "\"annotations\":{\"seed\":\"" + seed + "\"}}";
    }

    static Manifest parsed(String seed) {
        return Manifest.parse(ociManifest(seed), null);
    }
}
