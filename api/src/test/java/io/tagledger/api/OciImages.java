package io.tagledger.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Images made by the tests, as a registry client finds them on disk: layers (tar, gzipped), configs,
 * OCI manifests and indexes, artifacts with a subject, written as an OCI image layout or a docker
 * archive for skopeo and podman to push. Every byte is derived from a seed, so each image is its own.
 */
final class OciImages {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciImages() {
    }

    /** Content and how a descriptor names it; {@code tar} is a layer's uncompressed form (for configs and docker archives). */
    record Blob(String mediaType, byte[] bytes, byte[] tar) {

        String digest() {
            return digestOf(bytes);
        }

        ObjectNode descriptor() {
            return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest()).put("size", bytes.length);
        }
    }

    /** A manifest, or an index, with every blob it needs (the children's too). */
    record Image(Blob manifest, List<Blob> blobs, List<Image> children) {
    }

    static String digestOf(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A layer: a tar holding one file with the seed in it, gzipped. */
    static Blob layer(String seed, int size) {
        byte[] content = new byte[size];
        byte[] text = (seed + "\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < size; i++) {
            content[i] = text[i % text.length];
        }
        byte[] tar = tar(seed.replaceAll("[^a-z0-9]", "-") + ".txt", content);
        return new Blob(OCI_LAYER, gzip(tar), tar);
    }

    static Image image(String seed, String architecture, int... layerSizes) {
        List<Blob> layers = new java.util.ArrayList<>();
        for (int i = 0; i < layerSizes.length; i++) {
            layers.add(layer(seed + "-" + i, layerSizes[i]));
        }
        ObjectNode config = JSON.createObjectNode().put("architecture", architecture).put("os", "linux");
        config.putObject("config").put("Labels", (String) null);
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(layer -> diffIds.add(digestOf(layer.tar())));
        config.putArray("history").addObject().put("created_by", "tagledger test " + seed);
        Blob configBlob = new Blob(OCI_CONFIG, bytes(config), null);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
        manifest.set("config", configBlob.descriptor());
        ArrayNode descriptors = manifest.putArray("layers");
        layers.forEach(layer -> descriptors.add(layer.descriptor()));
        List<Blob> blobs = new java.util.ArrayList<>(layers);
        blobs.add(0, configBlob);
        return new Image(new Blob(OCI_MANIFEST, bytes(manifest), null), blobs, List.of());
    }

    /** A multi-arch index over images, each with its platform. */
    static Image index(Image... images) {
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Image image : images) {
            ObjectNode descriptor = image.manifest().descriptor();
            String architecture = architectureOf(image);
            descriptor.putObject("platform").put("architecture", architecture).put("os", "linux");
            manifests.add(descriptor);
        }
        return new Image(new Blob(OCI_INDEX, bytes(index), null), List.of(), List.of(images));
    }

    /** An artifact (OCI 1.1: empty config, an {@code artifactType}) that refers to another manifest. */
    static Image artifact(String artifactType, String text, Blob subject) {
        Blob empty = new Blob("application/vnd.oci.empty.v1+json", "{}".getBytes(StandardCharsets.UTF_8), null);
        Blob payload = new Blob("text/plain", text.getBytes(StandardCharsets.UTF_8), null);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST)
                .put("artifactType", artifactType);
        manifest.set("config", empty.descriptor());
        manifest.putArray("layers").add(payload.descriptor());
        manifest.set("subject", subject.descriptor());
        manifest.putObject("annotations").put("org.example.note", text);
        return new Image(new Blob(OCI_MANIFEST, bytes(manifest), null), List.of(empty, payload), List.of());
    }

    private static String architectureOf(Image image) {
        try {
            return JSON.readTree(image.blobs().get(0).bytes()).get("architecture").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the image as an OCI image layout, its top manifest named {@code tag}. */
    static Path layout(Path dir, String tag, Image image) {
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            writeBlobs(dir, image);
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
            ObjectNode descriptor = image.manifest().descriptor();
            descriptor.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
            index.putArray("manifests").add(descriptor);
            Files.write(dir.resolve("index.json"), bytes(index));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a single-platform image as {@code docker save} does: {@code manifest.json}, the config, uncompressed layers. */
    static Path dockerArchive(Path file, String repoTag, Image image) {
        try (var out = new ByteArrayOutputStream()) {
            Blob config = image.blobs().get(0);
            String configName = config.digest().substring(7) + ".json";
            List<Blob> layers = image.blobs().subList(1, image.blobs().size());
            ObjectNode entry = JSON.createObjectNode().put("Config", configName);
            entry.putArray("RepoTags").add(repoTag);
            ArrayNode names = entry.putArray("Layers");
            List<String> layerNames = layers.stream().map(layer -> digestOf(layer.tar()).substring(7) + "/layer.tar").toList();
            layerNames.forEach(names::add);
            ArrayNode manifest = JSON.createArrayNode().add(entry);
            writeEntry(out, "manifest.json", bytes(manifest));
            writeEntry(out, configName, config.bytes());
            for (int i = 0; i < layers.size(); i++) {
                writeEntry(out, layerNames.get(i), layers.get(i).tar());
            }
            out.write(new byte[1024]);
            Files.write(file, out.toByteArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBlobs(Path dir, Image image) throws IOException {
        Files.write(dir.resolve("blobs/sha256/" + image.manifest().digest().substring(7)), image.manifest().bytes());
        for (Blob blob : image.blobs()) {
            Files.write(dir.resolve("blobs/sha256/" + blob.digest().substring(7)), blob.bytes());
        }
        for (Image child : image.children()) {
            writeBlobs(dir, child);
        }
    }

    private static byte[] tar(String name, byte[] content) {
        try (var out = new ByteArrayOutputStream()) {
            writeEntry(out, name, content);
            out.write(new byte[1024]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One ustar entry: a 512-byte header, then the content padded to 512 bytes. */
    private static void writeEntry(ByteArrayOutputStream out, String name, byte[] content) throws IOException {
        byte[] header = new byte[512];
        put(header, 0, name, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", content.length), 12);
        put(header, 136, String.format("%011o", 0), 12);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        header[156] = '0';
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum), 7);
        header[155] = ' ';
        out.write(header);
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String text, int length) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }

    private static byte[] gzip(byte[] bytes) {
        try (var out = new ByteArrayOutputStream(); var gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
            gzip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
