package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.domain.trust.Signers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Signature-gated tags through every API, with signatures made as cosign and Notation make them and pushed
 * as their clients push them: by digest, then the signature (under cosign's {@code .sig} tag, or as a
 * referrer), then the tag.
 */
class TrustPolicyTest extends ApiTest {

    private static final KeyPair COSIGN = Signers.p256();
    private static final KeyPair ROOT_KEY = Signers.p256();
    private static final KeyPair LEAF_KEY = Signers.p256();
    private static final Instant NOW = Instant.now();
    private static final X509Certificate ROOT = Signers.rootCertificate("CN=Release Root,O=Example", ROOT_KEY,
            NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)));
    private static final X509Certificate LEAF = Signers.signingCertificate("CN=Release Pipeline,O=Example", LEAF_KEY.getPublic(), ROOT,
            ROOT_KEY.getPrivate(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

    private EcrClient ecr;

    @BeforeEach
    void connect() {
        ecr = EcrApiTest.ecrClient(port, EcrApiTest.ACCESS_KEY_ID, "any-secret");
    }

    @AfterEach
    void disconnect() {
        ecr.close();
    }

    private String policy(String mode) {
        ObjectNode policy = JSON.createObjectNode().put("mode", mode);
        policy.putArray("tags").add("v*").add("prod");
        policy.putArray("cosignKeys").add(Signers.pem(COSIGN.getPublic()));
        policy.putArray("notationCertificates").add(Signers.pem(ROOT));
        return policy.toString();
    }

    /** Pushes an image by digest, as a signing pipeline does before it signs. */
    private OciImages.Image pushByDigest(String name, String seed) {
        OciImages.Image image = OciImages.image(seed, "amd64", 200);
        image.blobs().forEach(blob -> upload(name, blob.digest(), blob.bytes()));
        Response pushed = send("PUT", "/v2/" + name + "/manifests/" + image.manifest().digest(), OciImages.OCI_MANIFEST, image.manifest().bytes());
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
        return image;
    }

    private void upload(String name, String digest, byte[] bytes) {
        Response uploaded = send("POST", "/v2/" + name + "/blobs/uploads/?digest=" + digest, "application/octet-stream", bytes);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    }

    /** Pushes a signature artifact as its client does: its blobs, then its manifest under the reference (cosign's tag, or its digest). */
    private void pushSignature(String name, Signers.SignatureArtifact artifact, String reference) {
        artifact.blobs().forEach(blob -> upload(name, blob.digest(), blob.bytes()));
        Response pushed = send("PUT", "/v2/" + name + "/manifests/" + (reference == null ? artifact.manifest().digest() : reference),
                Signers.OCI_MANIFEST, artifact.manifest().bytes());
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
    }

    private static String sigTag(String digest) {
        return digest.replace(':', '-') + ".sig";
    }

    private Signers.SignatureArtifact cosign(KeyPair key, String signedDigest) {
        byte[] payload = Signers.cosignPayload("127.0.0.1/team/app", signedDigest);
        return Signers.cosignTagManifest(payload, Signers.cosignSignature(key.getPrivate(), payload));
    }

    private Signers.SignatureArtifact notation(OciImages.Image image, X509Certificate leaf) {
        ObjectNode subject = Signers.descriptor(OciImages.OCI_MANIFEST, image.manifest().digest(), image.manifest().bytes().length);
        byte[] envelope = Signers.notationEnvelope(Signers.notationPayload(subject.deepCopy()), LEAF_KEY.getPrivate(), List.of(leaf, ROOT),
                Instant.now(), null);
        return Signers.notationManifest(envelope, List.of(leaf, ROOT), subject);
    }

    private Response tagOverOci(String name, OciImages.Image image, String tag) {
        return send("PUT", "/v2/" + name + "/manifests/" + tag, OciImages.OCI_MANIFEST, image.manifest().bytes());
    }

    private EcrException tagOverEcrRefused(String name, OciImages.Image image, String tag) {
        return catchThrowableOfType(EcrException.class, () -> tagOverEcr(name, image, tag));
    }

    private void tagOverEcr(String name, OciImages.Image image, String tag) {
        ecr.putImage(r -> r.repositoryName(name).imageTag(tag).imageManifest(new String(image.manifest().bytes(), StandardCharsets.UTF_8)));
    }

    private List<JsonNode> trail(String name, String type) {
        List<JsonNode> entries = new ArrayList<>();
        get("/audit?repository=" + name + "&type=" + type + "&limit=100").json().get("items").forEach(entries::add);
        return entries;
    }

    @Test
    void anEnforcedTagIsRefusedOnEveryApiUntilATrustedKeySignsItsImageAndTheTrailSaysWhy() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String base = "/repositories/" + name + "/-/trust-policy";
        Response set = putJson(base, policy("ENFORCE"));
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(get(base).json().get("mode").asText()).isEqualTo("ENFORCE");
        assertThat(get(base).json().get("tags")).extracting(JsonNode::asText).containsExactly("v*", "prod");

        OciImages.Image image = pushByDigest(name, name + "-a");
        String digest = image.manifest().digest();

        // Unsigned: refused on each API, with the digest, the policy and the verdict.
        Response oci = tagOverOci(name, image, "v1");
        assertThat(oci.status()).as(oci.text()).isEqualTo(400);
        assertThat(oci.json().get("errors").get(0).get("code").asText()).isEqualTo("TAG_INVALID");
        assertThat(oci.json().get("errors").get(0).get("message").asText())
                .contains("cannot point at '" + digest + "'").contains("trust policy (ENFORCE on [v*, prod])")
                .contains("no signature of " + digest + " was found");
        Response rest = push(name, "v1", new String(image.manifest().bytes(), StandardCharsets.UTF_8));
        assertThat(rest.status()).as(rest.text()).isEqualTo(409);
        assertThat(rest.header("Content-Type")).startsWith("application/problem+json");
        assertThat(rest.json().get("code").asText()).isEqualTo("ImageSignatureRequiredException");
        EcrException refused = tagOverEcrRefused(name, image, "prod");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ImageSignatureRequiredException");
        // A tag the policy does not name moves freely.
        assertThat(tagOverOci(name, image, "dev").status()).isEqualTo(201);

        // Signed by a key the policy does not trust; then a trusted signature of another image; then a tampered payload.
        pushSignature(name, cosign(Signers.p256(), digest), sigTag(digest));
        assertThat(tagOverOci(name, image, "v1").json().get("errors").get(0).get("message").asText())
                .contains("verifies with no trusted cosign key");
        String other = "sha256:" + "e".repeat(64);
        pushSignature(name, cosign(COSIGN, other), sigTag(digest));
        assertThat(tagOverOci(name, image, "v1").json().get("errors").get(0).get("message").asText())
                .contains("signs " + other + ", not " + digest);
        byte[] genuine = Signers.cosignPayload("127.0.0.1/team/app", digest);
        byte[] tampered = new String(genuine, StandardCharsets.UTF_8).replace("team/app", "team/evil").getBytes(StandardCharsets.UTF_8);
        pushSignature(name, Signers.cosignTagManifest(tampered, Signers.cosignSignature(COSIGN.getPrivate(), genuine)), sigTag(digest));
        assertThat(tagOverOci(name, image, "v1").json().get("errors").get(0).get("message").asText())
                .contains("verifies with no trusted cosign key");

        // Signed by the trusted key, as cosign stores it: every API may now tag the image.
        pushSignature(name, cosign(COSIGN, digest), sigTag(digest));
        assertThat(tagOverOci(name, image, "v1").status()).isEqualTo(201);
        assertThat(push(name, "v2", new String(image.manifest().bytes(), StandardCharsets.UTF_8)).status()).isEqualTo(201);
        tagOverEcr(name, image, "prod");

        // Notation, as a referrer: a signing certificate from the trusted root signs; an expired one does not.
        OciImages.Image second = pushByDigest(name, name + "-b");
        X509Certificate expired = Signers.signingCertificate("CN=Old Pipeline", LEAF_KEY.getPublic(), ROOT, ROOT_KEY.getPrivate(),
                NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(30)));
        pushSignature(name, notation(second, expired), null);
        assertThat(tagOverEcrRefused(name, second, "v3").getMessage()).contains("has the certificate 'CN=Old Pipeline', valid from");
        pushSignature(name, notation(second, LEAF), null);
        tagOverEcr(name, second, "v3");

        List<JsonNode> checked = trail(name, "TagSignatureChecked");
        assertThat(checked).extracting(entry -> entry.get("payload").get("tag").asText()).containsExactlyInAnyOrder("v1", "v2", "prod", "v3");
        assertThat(checked).allSatisfy(entry -> assertThat(entry.get("payload").get("verified").asBoolean()).isTrue());
        JsonNode v3 = checked.stream().filter(entry -> entry.get("payload").get("tag").asText().equals("v3")).findFirst().orElseThrow();
        assertThat(v3.get("payload").get("signer").asText()).contains("CN=Release Root,O=Example").contains("CN=Release Pipeline,O=Example");
        assertThat(v3.get("payload").get("signature").asText()).startsWith("the Notation signature in sha256:").endsWith("(referrer)");
        JsonNode v1 = checked.stream().filter(entry -> entry.get("payload").get("tag").asText().equals("v1")).findFirst().orElseThrow();
        assertThat(v1.get("payload").get("signature").asText()).endsWith("(tag " + sigTag(digest) + ")");
        assertThat(v1.get("api").asText()).isEqualTo("oci");
        List<JsonNode> refusals = trail(name, "CommandRefused");
        assertThat(refusals).extracting(entry -> entry.get("payload").get("errorCode").asText()).containsOnly("ImageSignatureRequiredException")
                .hasSize(7);
        assertThat(refusals).extracting(entry -> entry.get("api").asText()).contains("oci", "rest", "ecr");
        ledgerCheck().assertAuditTrailMatchesEventStore(name);
        ledgerCheck().assertViewsMatchEventStream(name);
    }

    @Test
    void anAuditedTagMovesUnsignedAndTheTrailRecordsWhyNothingVerified() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertThat(putJson("/repositories/" + name + "/-/trust-policy", policy("AUDIT")).status()).isEqualTo(200);
        OciImages.Image image = pushByDigest(name, name);
        pushSignature(name, cosign(Signers.p256(), image.manifest().digest()), sigTag(image.manifest().digest()));

        assertThat(tagOverOci(name, image, "v1").status()).isEqualTo(201);

        List<JsonNode> checked = trail(name, "TagSignatureChecked");
        assertThat(checked).hasSize(1);
        JsonNode verdict = checked.get(0).get("payload");
        assertThat(verdict.get("mode").asText()).isEqualTo("AUDIT");
        assertThat(verdict.get("verified").asBoolean()).isFalse();
        assertThat(verdict.get("reason").asText()).contains("verifies with no trusted cosign key");
        assertThat(trail(name, "CommandRefused")).isEmpty();
    }

    @Test
    void aPolicyThatCannotBeReadIsRefusedClearlyAndNothingIsWritten() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String base = "/repositories/" + name + "/-/trust-policy";
        assertThat(get(base).json().get("mode").asText()).isEqualTo("OFF");
        long stored = storedEvents();

        ObjectNode badKey = (ObjectNode) JSON.valueToTree(Map.of("mode", "ENFORCE", "tags", List.of("v*"),
                "cosignKeys", List.of("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----")));
        Response refused = putJson(base, badKey.toString());
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("InvalidParameterException");
        assertThat(refused.json().get("detail").asText()).contains("ECDSA P-256 or Ed25519");
        Response mode = putJson(base, "{\"mode\":\"STRICT\",\"tags\":[\"v*\"]}");
        assertThat(mode.status()).isEqualTo(400);
        assertThat(mode.json().get("detail").asText()).contains("[OFF, AUDIT, ENFORCE]");
        ObjectNode noKeys = JSON.createObjectNode().put("mode", "ENFORCE");
        ArrayNode tags = noKeys.putArray("tags");
        tags.add("v*");
        assertThat(putJson(base, noKeys.toString()).json().get("detail").asText()).contains("at least one cosign key or Notation certificate");
        assertThat(putJson(base, "{\"mode\":\"AUDIT\",\"tags\":[\"v*\"],\"cosignKey\":[]}").status()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(stored);
        assertThat(get("/repositories/absent-" + name + "/-/trust-policy").status()).isEqualTo(404);
    }

    @Test
    void aRepositoryThatATemplateCreatesOnPushStartsWithTheTemplatesTrustPolicy() {
        String prefix = newRepositoryName();
        ObjectNode template = JSON.createObjectNode().put("prefix", prefix);
        template.putArray("appliedFor").add("CREATE_ON_PUSH");
        template.set("trustPolicy", JSON.createObjectNode().put("mode", "ENFORCE").set("tags", JSON.createArrayNode().add("v*")));
        ((ObjectNode) template.get("trustPolicy")).putArray("cosignKeys").add(Signers.pem(COSIGN.getPublic()));
        Response created = postJson("/creation-templates", template.toString());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("trustPolicy").get("mode").asText()).isEqualTo("ENFORCE");

        String name = prefix + "/app";
        OciImages.Image image = pushByDigest(name, name);
        assertThat(get("/repositories/" + name + "/-/trust-policy").json().get("mode").asText()).isEqualTo("ENFORCE");
        assertThat(tagOverOci(name, image, "v1").status()).isEqualTo(400);
        pushSignature(name, cosign(COSIGN, image.manifest().digest()), sigTag(image.manifest().digest()));
        assertThat(tagOverOci(name, image, "v1").status()).isEqualTo(201);

        ObjectNode off = JSON.createObjectNode();
        off.set("trustPolicy", JSON.createObjectNode().put("mode", "OFF"));
        Response updated = send("PATCH", "/creation-templates/" + prefix, "application/json", off.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().get("trustPolicy").get("mode").asText()).isEqualTo("OFF");
        ObjectNode unreadable = JSON.createObjectNode();
        unreadable.set("trustPolicy", JSON.createObjectNode().put("mode", "ENFORCE").set("tags", JSON.createArrayNode().add("v*")));
        Response refused = send("PATCH", "/creation-templates/" + prefix, "application/json", unreadable.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("InvalidParameterException");
    }
}
