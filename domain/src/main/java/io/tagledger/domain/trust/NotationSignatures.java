package io.tagledger.domain.trust;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Notary Project signatures in JWS envelopes, as its signature specification and JWS envelope specification
 * define them: a manifest whose config (or artifactType) is {@value SignatureFormats#NOTATION_SIGNATURE},
 * with one layer, the flattened JWS JSON envelope, whose leaf certificate ({@code x5c}) signs
 * {@code BASE64URL(protected) '.' BASE64URL(payload)} with the algorithm {@code alg} names.
 *
 * <p>Only the {@code notary.x509} scheme is verified: {@code notary.x509.signingAuthority} needs an RFC 3161
 * timestamp authority, which tagledger does not check, so such a signature does not verify. With no
 * trusted timestamp, the chain must be valid at the decision's time, as the specification requires.
 */
final class NotationSignatures {

    private static final String SIGNING_SCHEME = "io.cncf.notary.signingScheme";
    private static final String SIGNING_TIME = "io.cncf.notary.signingTime";
    private static final String AUTHENTIC_SIGNING_TIME = "io.cncf.notary.authenticSigningTime";
    private static final String EXPIRY = "io.cncf.notary.expiry";
    /** The critical headers a verifier without plugins understands. */
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of(SIGNING_SCHEME, AUTHENTIC_SIGNING_TIME, EXPIRY);
    private static final Set<String> ENVELOPE_MEMBERS = Set.of("payload", "protected", "header", "signature");
    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    /** Extended key usages a Notary Project signing certificate must not have. */
    private static final Set<String> FORBIDDEN_USAGES = Set.of("2.5.29.37.0", "1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.8");

    private NotationSignatures() {
    }

    static boolean isNotation(JsonNode manifest) {
        return SignatureFormats.NOTATION_SIGNATURE.equals(manifest.path("artifactType").asText())
                || SignatureFormats.NOTATION_SIGNATURE.equals(manifest.path("config").path("mediaType").asText());
    }

    static TrustVerdict check(JsonNode manifest, SignatureEvidence found, String where, String subject,
                              List<TrustedKeys.Certificate> trusted, Instant now) {
        try {
            return verify(manifest, found, where, subject, trusted, now);
        } catch (Unverified reason) {
            return TrustVerdict.unverified("the Notation signature in " + where + " " + reason.getMessage());
        }
    }

    private static TrustVerdict verify(JsonNode manifest, SignatureEvidence found, String where, String subject,
                                       List<TrustedKeys.Certificate> trusted, Instant now) {
        if (!subject.equals(manifest.path("subject").path("digest").asText())) {
            throw new Unverified("has another subject than " + subject);
        }
        JsonNode layers = manifest.path("layers");
        if (layers.size() != 1) {
            throw new Unverified("has " + layers.size() + " layers, not the one envelope");
        }
        String envelopeType = layers.get(0).path("mediaType").asText();
        if (!SignatureFormats.NOTATION_JWS.equals(envelopeType)) {
            throw new Unverified("is in a " + envelopeType + " envelope, which tagledger does not verify (only " + SignatureFormats.NOTATION_JWS + ")");
        }
        byte[] envelopeBytes = SignatureVerifier.blob(found, layers.get(0));
        if (envelopeBytes == null) {
            throw new Unverified("has an envelope that is not in the repository, or is over the size read");
        }
        JsonNode envelope = SignatureVerifier.json(envelopeBytes).orElseThrow(() -> new Unverified("has an envelope that is not JSON"));
        envelope.fieldNames().forEachRemaining(member -> {
            if (!ENVELOPE_MEMBERS.contains(member)) {
                throw new Unverified("has an envelope with the member '" + member + "', which flattened JWS JSON does not have");
            }
        });
        String protectedText = text(envelope, "protected");
        String payloadText = text(envelope, "payload");
        JsonNode header = SignatureVerifier.json(base64Url(protectedText, "protected header"))
                .orElseThrow(() -> new Unverified("has a protected header that is not a JSON object"));
        checkHeader(header, now);
        List<X509Certificate> chain = chain(envelope.path("header").path("x5c"));
        X509Certificate leaf = chain.get(0);
        String algorithm = header.path("alg").asText();
        byte[] signingInput = (protectedText + "." + payloadText).getBytes(StandardCharsets.US_ASCII);
        if (!verifies(algorithm, leaf.getPublicKey(), signingInput, base64Url(text(envelope, "signature"), "signature"))) {
            throw new Unverified("does not verify with its signing certificate '" + leaf.getSubjectX500Principal().getName() + "'");
        }
        JsonNode payload = SignatureVerifier.json(base64Url(payloadText, "payload"))
                .orElseThrow(() -> new Unverified("has a payload that is not a JSON object"));
        String signed = payload.path("targetArtifact").path("digest").asText();
        if (!subject.equals(signed)) {
            throw new Unverified("signs " + (signed.isEmpty() ? "no digest" : signed) + ", not " + subject);
        }
        checkThumbprints(manifest, chain);
        checkSigningCertificate(leaf);
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity(Date.from(now));
            } catch (GeneralSecurityException e) {
                throw new Unverified("has the certificate '" + certificate.getSubjectX500Principal().getName() + "', valid from "
                        + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ", not at " + now);
            }
        }
        for (TrustedKeys.Certificate anchor : trusted) {
            if (chainsTo(chain, anchor.certificate(), now)) {
                String signer = anchor.certificate().equals(leaf) ? anchor.id()
                        : anchor.id() + " for '" + leaf.getSubjectX500Principal().getName() + "'";
                return TrustVerdict.verified(signer, "the Notation signature in " + where);
            }
        }
        throw new Unverified("is by '" + leaf.getSubjectX500Principal().getName() + "', whose chain leads to no trusted certificate");
    }

    private static void checkHeader(JsonNode header, Instant now) {
        if (!SignatureFormats.NOTATION_PAYLOAD.equals(header.path("cty").asText())) {
            throw new Unverified("has the content type '" + header.path("cty").asText() + "', not " + SignatureFormats.NOTATION_PAYLOAD);
        }
        JsonNode critical = header.path("crit");
        List<String> criticalNames = new ArrayList<>();
        critical.forEach(name -> criticalNames.add(name.asText()));
        if (!critical.isArray() || !criticalNames.contains(SIGNING_SCHEME)) {
            throw new Unverified("does not list " + SIGNING_SCHEME + " as critical");
        }
        for (String name : criticalNames) {
            if (!UNDERSTOOD_CRITICAL.contains(name)) {
                throw new Unverified("needs the critical header '" + name + "' understood, which tagledger does not");
            }
            if (!header.has(name)) {
                throw new Unverified("lists '" + name + "' as critical, but has no such header");
            }
        }
        if (header.has(EXPIRY) && !criticalNames.contains(EXPIRY)) {
            throw new Unverified("has an expiry not listed as critical");
        }
        String scheme = header.path(SIGNING_SCHEME).asText();
        if (!"notary.x509".equals(scheme)) {
            throw new Unverified("uses the signing scheme '" + scheme + "'; tagledger verifies notary.x509, with no timestamp authority");
        }
        instant(header, SIGNING_TIME);
        if (header.has(EXPIRY) && !instant(header, EXPIRY).isAfter(now)) {
            throw new Unverified("expired at " + header.path(EXPIRY).asText());
        }
    }

    private static Instant instant(JsonNode header, String name) {
        try {
            return Instant.parse(header.path(name).asText());
        } catch (DateTimeParseException e) {
            throw new Unverified("has no RFC 3339 time in " + name);
        }
    }

    private static List<X509Certificate> chain(JsonNode x5c) {
        if (!x5c.isArray() || x5c.isEmpty()) {
            throw new Unverified("has no certificate chain (x5c)");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode certificate : x5c) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(certificate.asText()))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new Unverified("has a certificate chain (x5c) that is not base64 DER X.509");
        }
        return chain;
    }

    /** The key must be of the kind and size {@code alg} names: the signing key is the source of truth. */
    private static boolean verifies(String algorithm, PublicKey key, byte[] input, byte[] signature) {
        try {
            Signature verifier = switch (algorithm) {
                case "ES256" -> ecdsa("SHA256withECDSAinP1363Format", key, 256);
                case "ES384" -> ecdsa("SHA384withECDSAinP1363Format", key, 384);
                case "ES512" -> ecdsa("SHA512withECDSAinP1363Format", key, 521);
                case "PS256" -> pss(key, "SHA-256", MGF1ParameterSpec.SHA256, 32);
                case "PS384" -> pss(key, "SHA-384", MGF1ParameterSpec.SHA384, 48);
                case "PS512" -> pss(key, "SHA-512", MGF1ParameterSpec.SHA512, 64);
                default -> throw new Unverified("uses the algorithm '" + algorithm + "', which the Notary Project does not allow");
            };
            verifier.initVerify(key);
            verifier.update(input);
            return verifier.verify(signature);
        } catch (GeneralSecurityException malformed) {
            return false;
        }
    }

    private static Signature ecdsa(String algorithm, PublicKey key, int curveBits) throws GeneralSecurityException {
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != curveBits) {
            throw new Unverified("names an algorithm that its signing certificate's key is not of");
        }
        return Signature.getInstance(algorithm);
    }

    private static Signature pss(PublicKey key, String hash, MGF1ParameterSpec mgf, int saltLength) throws GeneralSecurityException {
        if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
            throw new Unverified("names an algorithm that its signing certificate's key is not of");
        }
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(new PSSParameterSpec(hash, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC));
        return signature;
    }

    /** The manifest's thumbprints, when it has them, must be the chain's. */
    private static void checkThumbprints(JsonNode manifest, List<X509Certificate> chain) {
        JsonNode annotation = manifest.path("annotations").path(SignatureFormats.NOTATION_THUMBPRINTS);
        if (annotation.isMissingNode()) {
            return;
        }
        List<String> expected = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            try {
                expected.add(TrustedKeys.sha256Hex(certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new Unverified("has a certificate that cannot be encoded");
            }
        }
        List<String> given = new ArrayList<>();
        SignatureVerifier.jsonArray(annotation.asText()).forEach(thumbprint -> given.add(thumbprint.asText().toLowerCase(Locale.ROOT)));
        if (!given.equals(expected)) {
            throw new Unverified("has thumbprints in its manifest that are not its chain's");
        }
    }

    /** A code-signing certificate, as the Notary Project's signature specification requires of the signing certificate. */
    private static void checkSigningCertificate(X509Certificate leaf) {
        String who = "'" + leaf.getSubjectX500Principal().getName() + "'";
        if (leaf.getBasicConstraints() >= 0) {
            throw new Unverified("is by " + who + ", a CA certificate, which may not sign");
        }
        boolean[] usage = leaf.getKeyUsage();
        Set<String> critical = leaf.getCriticalExtensionOIDs() == null ? Set.of() : leaf.getCriticalExtensionOIDs();
        if (usage == null || !critical.contains("2.5.29.15") || !usage[0] || usage[5] || usage[6]) {
            throw new Unverified("is by " + who + ", whose key usage is not a critical digitalSignature without certificate or CRL signing");
        }
        try {
            List<String> extended = leaf.getExtendedKeyUsage();
            if (extended != null && (!extended.contains(CODE_SIGNING) || extended.stream().anyMatch(FORBIDDEN_USAGES::contains))) {
                throw new Unverified("is by " + who + ", whose extended key usage " + extended + " is not code signing");
            }
        } catch (CertificateParsingException e) {
            throw new Unverified("is by " + who + ", whose extended key usage cannot be read");
        }
    }

    /** Whether the chain leads to the trusted certificate: it is the leaf itself, or PKIX validates the chain to it at {@code now}. */
    private static boolean chainsTo(List<X509Certificate> chain, X509Certificate anchor, Instant now) {
        try {
            if (anchor.equals(chain.get(0))) {
                anchor.checkValidity(Date.from(now));
                return true;
            }
            List<X509Certificate> path = new ArrayList<>();
            for (Iterator<X509Certificate> below = chain.iterator(); below.hasNext(); ) {
                X509Certificate certificate = below.next();
                if (certificate.equals(anchor)) {
                    break;
                }
                path.add(certificate);
            }
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return true;
        } catch (GeneralSecurityException notToThisAnchor) {
            return false;
        }
    }

    private static String text(JsonNode envelope, String member) {
        JsonNode value = envelope.path(member);
        if (!value.isTextual()) {
            throw new Unverified("has an envelope without '" + member + "'");
        }
        return value.asText();
    }

    private static byte[] base64Url(String text, String what) {
        try {
            if (text.indexOf('=') >= 0) {
                throw new IllegalArgumentException("padded");
            }
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new Unverified("has a " + what + " that is not unpadded base64url");
        }
    }

    /** Why one signature does not verify: thrown within this class only, and said in the verdict. */
    private static final class Unverified extends RuntimeException {
        Unverified(String reason) {
            super(reason, null, false, false);
        }
    }
}
