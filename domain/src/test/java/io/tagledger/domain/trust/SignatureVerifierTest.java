package io.tagledger.domain.trust;

import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signatures made as cosign and Notation make them, verified against trust policies. */
class SignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String IMAGE = "sha256:" + "1".repeat(64);
    private static final String OTHER = "sha256:" + "2".repeat(64);
    private static final KeyPair COSIGN = Signers.p256();
    private static final KeyPair ROOT_KEY = Signers.p256();
    private static final KeyPair LEAF_KEY = Signers.p256();
    private static final X509Certificate ROOT = Signers.rootCertificate("CN=Example Root,O=Example", ROOT_KEY,
            NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)));
    private static final X509Certificate LEAF = Signers.signingCertificate("CN=Release Signer,O=Example", LEAF_KEY.getPublic(), ROOT,
            ROOT_KEY.getPrivate(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

    private static TrustPolicy enforcing(List<String> cosignKeys, List<String> certificates) {
        return TrustPolicy.of(TrustMode.ENFORCE, List.of("v*"), cosignKeys, certificates);
    }

    private static SignatureEvidence cosignTag(KeyPair key, byte[] payload) {
        return Signers.evidence("tag " + SignatureFormats.cosignTag(IMAGE),
                Signers.cosignTagManifest(payload, Signers.cosignSignature(key.getPrivate(), payload)));
    }

    private static SignatureEvidence notation(KeyPair key, List<X509Certificate> chain, String signedDigest, Instant expiry) {
        byte[] envelope = Signers.notationEnvelope(Signers.notationPayload(Signers.descriptor(Signers.OCI_MANIFEST, signedDigest, 512)),
                key.getPrivate(), chain, NOW.minusSeconds(60), expiry);
        return Signers.evidence("referrer", Signers.notationManifest(envelope, chain, Signers.descriptor(Signers.OCI_MANIFEST, IMAGE, 512)));
    }

    @Test
    void aCosignSignatureUnderTheSigTagVerifiesWithATrustedP256Key() {
        TrustPolicy policy = enforcing(List.of(Signers.pem(COSIGN.getPublic())), List.of());
        SignatureEvidence signature = cosignTag(COSIGN, Signers.cosignPayload("127.0.0.1:5000/team/app", IMAGE));

        TrustVerdict verdict = SignatureVerifier.verify(policy, IMAGE, List.of(signature), NOW);

        assertThat(verdict.verified()).isTrue();
        assertThat(verdict.signer()).isEqualTo(TrustedKeys.cosignKey(Signers.pem(COSIGN.getPublic())).id()).startsWith("cosign key sha256:");
        assertThat(verdict.signature()).contains(signature.digest()).contains("tag sha256-1111");
    }

    @Test
    void aCosignSignatureInCosignsReferrersModeVerifiesWithATrustedEd25519Key() {
        KeyPair ed25519 = Signers.ed25519();
        byte[] payload = Signers.cosignPayload("registry/team/app", IMAGE);
        SignatureEvidence referrer = Signers.evidence("referrer", Signers.cosignReferrer(payload,
                Signers.cosignSignature(ed25519.getPrivate(), payload), Signers.descriptor(Signers.OCI_MANIFEST, IMAGE, 512)));

        TrustVerdict verdict = SignatureVerifier.verify(enforcing(List.of(Signers.pem(ed25519.getPublic())), List.of()), IMAGE, List.of(referrer), NOW);

        assertThat(verdict.verified()).isTrue();
    }

    @Test
    void aCosignSignatureByAnUntrustedKeyOverAnotherDigestOrTamperedDoesNotVerify() {
        TrustPolicy policy = enforcing(List.of(Signers.pem(COSIGN.getPublic())), List.of());
        byte[] payload = Signers.cosignPayload("r/app", IMAGE);

        assertThat(SignatureVerifier.verify(policy, IMAGE, List.of(cosignTag(Signers.p256(), payload)), NOW).reason())
                .contains("verifies with no trusted cosign key");
        assertThat(SignatureVerifier.verify(policy, IMAGE, List.of(cosignTag(COSIGN, Signers.cosignPayload("r/app", OTHER))), NOW).reason())
                .contains("signs " + OTHER + ", not " + IMAGE);
        String signature = Signers.cosignSignature(COSIGN.getPrivate(), payload);
        byte[] tampered = new String(payload, StandardCharsets.UTF_8).replace("r/app", "r/evil").getBytes(StandardCharsets.UTF_8);
        SignatureEvidence tamperedPayload = Signers.evidence("tag", Signers.cosignTagManifest(tampered, signature));
        assertThat(SignatureVerifier.verify(policy, IMAGE, List.of(tamperedPayload), NOW))
                .satisfies(verdict -> assertThat(verdict.verified()).isFalse())
                .satisfies(verdict -> assertThat(verdict.reason()).contains("verifies with no trusted cosign key"));
    }

    @Test
    void noSignatureFoundSaysWhereItWasLookedFor() {
        TrustVerdict verdict = SignatureVerifier.verify(enforcing(List.of(Signers.pem(COSIGN.getPublic())), List.of()), IMAGE, List.of(), NOW);

        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.reason()).isEqualTo("no signature of " + IMAGE + " was found, neither under the tag sha256-"
                + "1".repeat(64) + ".sig nor among its referrers");
    }

    @Test
    void aNotationSignatureVerifiesThroughItsChainToATrustedRootOrAsATrustedLeaf() {
        SignatureEvidence signature = notation(LEAF_KEY, List.of(LEAF, ROOT), IMAGE, NOW.plus(Duration.ofDays(7)));

        TrustVerdict byRoot = SignatureVerifier.verify(enforcing(List.of(), List.of(Signers.pem(ROOT))), IMAGE, List.of(signature), NOW);
        TrustVerdict byLeaf = SignatureVerifier.verify(enforcing(List.of(), List.of(Signers.pem(LEAF))), IMAGE, List.of(signature), NOW);

        assertThat(byRoot.verified()).as(byRoot.reason()).isTrue();
        assertThat(byRoot.signer()).contains("CN=Example Root").contains("for 'CN=Release Signer,O=Example'");
        assertThat(byLeaf.verified()).as(byLeaf.reason()).isTrue();
        assertThat(byLeaf.signer()).startsWith("certificate 'CN=Release Signer,O=Example' sha256:");
    }

    @Test
    void aNotationSignatureFromAnotherRootOverAnotherDigestOrTamperedDoesNotVerify() {
        TrustPolicy policy = enforcing(List.of(), List.of(Signers.pem(ROOT)));
        KeyPair otherRootKey = Signers.p256();
        X509Certificate otherRoot = Signers.rootCertificate("CN=Other Root", otherRootKey, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        X509Certificate otherLeaf = Signers.signingCertificate("CN=Stranger", LEAF_KEY.getPublic(), otherRoot, otherRootKey.getPrivate(),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));

        assertThat(SignatureVerifier.verify(policy, IMAGE, List.of(notation(LEAF_KEY, List.of(otherLeaf, otherRoot), IMAGE, null)), NOW).reason())
                .contains("is by 'CN=Stranger', whose chain leads to no trusted certificate");
        assertThat(SignatureVerifier.verify(policy, IMAGE, List.of(notation(LEAF_KEY, List.of(LEAF, ROOT), OTHER, null)), NOW).reason())
                .contains("signs " + OTHER + ", not " + IMAGE);

        SignatureEvidence genuine = notation(LEAF_KEY, List.of(LEAF, ROOT), IMAGE, null);
        String envelopeDigest = genuine.blobs().keySet().iterator().next();
        String envelope = new String(Base64.getDecoder().decode(genuine.blobs().get(envelopeDigest)), StandardCharsets.UTF_8);
        String payload = envelope.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(Base64.getUrlDecoder().decode(payload),
                StandardCharsets.UTF_8).replace("\"size\":512", "\"size\":513").getBytes(StandardCharsets.UTF_8));
        SignatureEvidence tampered = new SignatureEvidence("referrer", genuine.digest(), genuine.manifest(), Map.of(envelopeDigest,
                Base64.getEncoder().encodeToString(envelope.replace(payload, forged).getBytes(StandardCharsets.UTF_8))));
        assertThat(SignatureVerifier.verify(policy, IMAGE, List.of(tampered), NOW).reason())
                .contains("does not verify with its signing certificate 'CN=Release Signer,O=Example'");
    }

    @Test
    void anExpiredCertificateAnExpiredSignatureAndAServerCertificateDoNotVerify() {
        TrustPolicy policy = enforcing(List.of(), List.of(Signers.pem(ROOT)));
        X509Certificate expired = Signers.signingCertificate("CN=Last Year", LEAF_KEY.getPublic(), ROOT, ROOT_KEY.getPrivate(),
                NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
        X509Certificate server = Signers.serverCertificate("CN=www.example.com", LEAF_KEY.getPublic(), ROOT, ROOT_KEY.getPrivate(),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

        assertThat(SignatureVerifier.verify(policy, IMAGE, List.of(notation(LEAF_KEY, List.of(expired, ROOT), IMAGE, null)), NOW).reason())
                .contains("has the certificate 'CN=Last Year', valid from").contains("not at " + NOW);
        assertThat(SignatureVerifier.verify(policy, IMAGE, List.of(notation(LEAF_KEY, List.of(LEAF, ROOT), IMAGE, NOW.minusSeconds(1))), NOW).reason())
                .contains("expired at " + NOW.minusSeconds(1));
        assertThat(SignatureVerifier.verify(policy, IMAGE, List.of(notation(LEAF_KEY, List.of(server, ROOT), IMAGE, null)), NOW).reason())
                .contains("is by 'CN=www.example.com', whose extended key usage [1.3.6.1.5.5.7.3.1] is not code signing");
        assertThat(SignatureVerifier.verify(policy, IMAGE, List.of(notation(ROOT_KEY, List.of(ROOT), IMAGE, null)), NOW).reason())
                .contains("a CA certificate, which may not sign");
    }

    @Test
    void aPolicyRefusesKeysItCannotUseAndAppliesToItsTagsButNeverToSignersOwnTags() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThatThrownBy(() -> enforcing(List.of(Signers.pem(rsa.generateKeyPair().getPublic())), List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage()).contains("ECDSA P-256 or Ed25519"));
        assertThatThrownBy(() -> enforcing(List.of("not a key"), List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.rule()).isEqualTo(Refusal.INVALID_PARAMETER));
        assertThatThrownBy(() -> enforcing(List.of(), List.of(Signers.pem(COSIGN.getPublic()))))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.field()).isEqualTo("notationCertificates"));
        assertThatThrownBy(() -> enforcing(List.of(), List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage()).contains("at least one"));
        assertThatThrownBy(() -> TrustPolicy.of(TrustMode.AUDIT, List.of(), List.of(), List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.field()).isEqualTo("tags"));

        TrustPolicy policy = TrustPolicy.of(TrustMode.AUDIT, List.of("v*", "prod"), List.of(), List.of());
        assertThat(policy.appliesTo("v1.2")).isTrue();
        assertThat(policy.appliesTo("prod")).isTrue();
        assertThat(policy.appliesTo("dev")).isFalse();
        assertThat(TrustPolicy.of(TrustMode.AUDIT, List.of("*"), List.of(), List.of()).appliesTo("sha256-" + "a".repeat(64) + ".sig")).isFalse();
        assertThat(TrustPolicy.OFF.appliesTo("v1")).isFalse();
    }
}
