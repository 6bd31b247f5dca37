package io.tagledger.domain.trust;

import io.tagledger.domain.RegistryException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the keys a trust policy names, with the JDK's providers, and names them as a verdict does. */
public final class TrustedKeys {

    private static final Pattern PUBLIC_KEY_PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END PUBLIC KEY-----");

    private TrustedKeys() {
    }

    /** A cosign public key: the PEM it was given as, the key, and its name in verdicts. */
    public record CosignKey(String pem, PublicKey key, String id) {
    }

    /** A trusted X.509 certificate, with its name in verdicts. */
    public record Certificate(String pem, X509Certificate certificate, String id) {
    }

    /** Reads a cosign public key: ECDSA on P-256, or Ed25519, as {@code cosign generate-key-pair} writes them. */
    public static CosignKey cosignKey(String pem) {
        Matcher matcher = PUBLIC_KEY_PEM.matcher(pem.strip());
        if (!matcher.matches()) {
            throw RegistryException.invalidParameter("cosignKeys", "Each member must be one PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        byte[] encoded;
        try {
            encoded = Base64.getMimeDecoder().decode(matcher.group(1));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidParameter("cosignKeys", "Each member must be one PEM public key: its base64 is invalid");
        }
        PublicKey key = read("EC", encoded);
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() != 256) {
            key = null;
        }
        if (key == null) {
            key = read("Ed25519", encoded);
        }
        if (key == null) {
            throw RegistryException.invalidParameter("cosignKeys", "Each member must be an ECDSA P-256 or Ed25519 public key");
        }
        return new CosignKey(pem.strip(), key, "cosign key " + fingerprint(encoded));
    }

    private static PublicKey read(String algorithm, byte[] encoded) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | IllegalArgumentException notThisKind) {
            return null;
        }
    }

    /** Reads one X.509 certificate in PEM. */
    public static Certificate certificate(String pem) {
        String text = pem.strip();
        if (!text.startsWith("-----BEGIN CERTIFICATE-----") || !text.endsWith("-----END CERTIFICATE-----")
                || text.indexOf("-----BEGIN", 1) >= 0) {
            throw RegistryException.invalidParameter("notationCertificates", "Each member must be one PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
            return new Certificate(text, certificate, describe(certificate));
        } catch (CertificateException | ClassCastException e) {
            throw RegistryException.invalidParameter("notationCertificates", "Each member must be an X.509 certificate: " + e.getMessage());
        }
    }

    /** A certificate as verdicts name it: its subject and the SHA-256 of its DER form. */
    static String describe(X509Certificate certificate) {
        try {
            return "certificate '" + certificate.getSubjectX500Principal().getName() + "' " + fingerprint(certificate.getEncoded());
        } catch (CertificateException e) {
            return "certificate '" + certificate.getSubjectX500Principal().getName() + "'";
        }
    }

    static String fingerprint(byte[] encoded) {
        return "sha256:" + sha256Hex(encoded);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
