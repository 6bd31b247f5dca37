package io.tagledger.domain.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs as cosign and Notation do, with keys and certificates made in the test: the Simple Signing payload and
 * its signature annotation, the JWS envelope in flattened JSON, and the manifests each client pushes. For
 * this module's tests and the API's (through the test jar).
 */
public final class Signers {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    /** What cosign's OCI 1.1 referrers mode names its signature artifacts. */
    public static final String COSIGN_ARTIFACT_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private Signers() {
    }

    /** A blob, and the descriptor that names it. */
    public record Blob(String mediaType, byte[] bytes) {

        public String digest() {
            return digestOf(bytes);
        }

        public ObjectNode descriptor() {
            return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest()).put("size", bytes.length);
        }
    }

    /** A signature manifest and the blobs it names, to push as its client does. */
    public record SignatureArtifact(Blob manifest, List<Blob> blobs) {
    }

    public static KeyPair p256() {
        return generate("EC", new ECGenParameterSpec("secp256r1"));
    }

    public static KeyPair ed25519() {
        return generate("Ed25519", null);
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public key as {@code cosign generate-key-pair} writes {@code cosign.pub}. */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String digestOf(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- cosign ---

    /** The Simple Signing payload cosign signs, as it writes it. */
    public static byte[] cosignPayload(String reference, String digest) {
        return ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + reference + "\"},\"image\":{\"docker-manifest-digest\":\""
                + digest + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}").getBytes(StandardCharsets.UTF_8);
    }

    /** cosign's signature of a payload: ECDSA over SHA-256 in ASN.1 form, or Ed25519; base64. */
    public static String cosignSignature(PrivateKey key, byte[] payload) {
        return Base64.getEncoder().encodeToString(sign(key instanceof ECPrivateKey ? "SHA256withECDSA" : "Ed25519", key, payload));
    }

    /**
     * The manifest cosign pushes under {@code sha256-<hex>.sig}: a config, and one Simple Signing layer per
     * signature with the signature in its annotation.
     */
    public static SignatureArtifact cosignTagManifest(byte[] payload, String signature) {
        Blob config = new Blob("application/vnd.oci.image.config.v1+json",
                ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],"
                        + "\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + digestOf(payload) + "\"]},\"config\":{}}")
                        .getBytes(StandardCharsets.UTF_8));
        Blob layer = new Blob("application/vnd.dev.cosign.simplesigning.v1+json", payload);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
        manifest.set("config", config.descriptor());
        ObjectNode layerDescriptor = layer.descriptor();
        layerDescriptor.putObject("annotations").put("dev.cosignproject.cosign/signature", signature);
        manifest.putArray("layers").add(layerDescriptor);
        return new SignatureArtifact(new Blob(OCI_MANIFEST, bytes(manifest)), List.of(config, layer));
    }

    /** What cosign's OCI 1.1 referrers mode pushes: the same layer, in an artifact whose subject is the image. */
    public static SignatureArtifact cosignReferrer(byte[] payload, String signature, ObjectNode subject) {
        Blob empty = new Blob(OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8));
        Blob layer = new Blob("application/vnd.dev.cosign.simplesigning.v1+json", payload);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST)
                .put("artifactType", COSIGN_ARTIFACT_TYPE);
        manifest.set("config", empty.descriptor());
        ObjectNode layerDescriptor = layer.descriptor();
        layerDescriptor.putObject("annotations").put("dev.cosignproject.cosign/signature", signature);
        manifest.putArray("layers").add(layerDescriptor);
        manifest.set("subject", subject);
        return new SignatureArtifact(new Blob(OCI_MANIFEST, bytes(manifest)), List.of(empty, layer));
    }

    // --- Notation ---

    /** A certificate authority's certificate, self-signed. */
    public static X509Certificate rootCertificate(String name, KeyPair key, Instant from, Instant until) {
        return issue(name, key.getPublic(), x500(name), key.getPrivate(), from, until, true, KeyUsage.keyCertSign | KeyUsage.cRLSign, null);
    }

    /** A code-signing certificate, as the Notary Project requires one, issued by {@code issuer}. */
    public static X509Certificate signingCertificate(String name, PublicKey key, X509Certificate issuer, PrivateKey issuerKey,
                                                     Instant from, Instant until) {
        return issue(name, key, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey, from, until, false, KeyUsage.digitalSignature,
                KeyPurposeId.id_kp_codeSigning);
    }

    /** A certificate issued for TLS servers, not code signing: the wrong usage for a signature. */
    public static X509Certificate serverCertificate(String name, PublicKey key, X509Certificate issuer, PrivateKey issuerKey,
                                                    Instant from, Instant until) {
        return issue(name, key, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey, from, until, false,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment, KeyPurposeId.id_kp_serverAuth);
    }

    private static X509Certificate issue(String subject, PublicKey key, X500Name issuer, PrivateKey issuerKey, Instant from, Instant until,
                                         boolean authority, int keyUsage, KeyPurposeId purpose) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                    Date.from(from), Date.from(until), x500(subject), key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            String algorithm = issuerKey instanceof ECPrivateKey ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A distinguished name as RFC 2253 writes it, in that order (the JDK's reading, which verdicts name certificates by). */
    private static X500Name x500(String name) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(name).getEncoded());
    }

    /** The Notary Project payload: the signed manifest's descriptor. */
    public static byte[] notationPayload(ObjectNode subject) {
        ObjectNode payload = JSON.createObjectNode();
        payload.set("targetArtifact", subject);
        return bytes(payload);
    }

    /**
     * A JWS envelope in flattened JSON, as notation writes it with an ECDSA P-256 key (ES256): the protected
     * header names the scheme {@code notary.x509} and the signing time, and the expiry when given.
     */
    public static byte[] notationEnvelope(byte[] payload, PrivateKey signingKey, List<X509Certificate> chain, Instant signingTime,
                                          Instant expiry) {
        ObjectNode header = JSON.createObjectNode().put("alg", "ES256");
        ArrayNode critical = header.putArray("crit").add("io.cncf.notary.signingScheme");
        if (expiry != null) {
            critical.add("io.cncf.notary.expiry");
        }
        header.put("cty", "application/vnd.cncf.notary.payload.v1+json");
        if (expiry != null) {
            header.put("io.cncf.notary.expiry", expiry.toString());
        }
        header.put("io.cncf.notary.signingScheme", "notary.x509").put("io.cncf.notary.signingTime", signingTime.toString());
        Base64.Encoder base64Url = Base64.getUrlEncoder().withoutPadding();
        String protectedHeader = base64Url.encodeToString(bytes(header));
        String encodedPayload = base64Url.encodeToString(payload);
        byte[] signature = sign("SHA256withECDSAinP1363Format", signingKey,
                (protectedHeader + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII));
        ObjectNode envelope = JSON.createObjectNode().put("payload", encodedPayload).put("protected", protectedHeader);
        ObjectNode unprotected = envelope.putObject("header");
        unprotected.put("io.cncf.notary.signingAgent", "tagledger-test/1.0");
        ArrayNode x5c = unprotected.putArray("x5c");
        chain.forEach(certificate -> x5c.add(Base64.getEncoder().encodeToString(encoded(certificate))));
        envelope.put("signature", base64Url.encodeToString(signature));
        return bytes(envelope);
    }

    /** The manifest notation pushes: config {@code application/vnd.cncf.notary.signature}, the envelope, the subject, the chain's thumbprints. */
    public static SignatureArtifact notationManifest(byte[] envelope, List<X509Certificate> chain, ObjectNode subject) {
        Blob config = new Blob("application/vnd.cncf.notary.signature", "{}".getBytes(StandardCharsets.UTF_8));
        Blob layer = new Blob("application/jose+json", envelope);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
        manifest.set("config", config.descriptor());
        manifest.putArray("layers").add(layer.descriptor());
        manifest.set("subject", subject);
        ArrayNode thumbprints = JSON.createArrayNode();
        chain.forEach(certificate -> thumbprints.add(digestOf(encoded(certificate)).substring("sha256:".length())));
        manifest.putObject("annotations").put("io.cncf.notary.x509chain.thumbprint#S256", thumbprints.toString())
                .put("io.cncf.notary.signingTime", Instant.now().toString());
        return new SignatureArtifact(new Blob(OCI_MANIFEST, bytes(manifest)), List.of(config, layer));
    }

    /** A signature artifact as the registry hands it to the repository, found at {@code source}. */
    public static SignatureEvidence evidence(String source, SignatureArtifact artifact) {
        Map<String, String> blobs = new HashMap<>();
        artifact.blobs().stream().filter(blob -> SignatureFormats.LAYER_MEDIA_TYPES.contains(blob.mediaType()))
                .forEach(blob -> blobs.put(blob.digest(), Base64.getEncoder().encodeToString(blob.bytes())));
        return new SignatureEvidence(source, artifact.manifest().digest(), new String(artifact.manifest().bytes(), StandardCharsets.UTF_8), blobs);
    }

    /** A descriptor of a manifest, as a signature names its subject. */
    public static ObjectNode descriptor(String mediaType, String digest, long size) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(String algorithm, PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
