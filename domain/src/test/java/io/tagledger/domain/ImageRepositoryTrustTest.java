package io.tagledger.domain;

import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.command.SetTrustPolicy;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.TagSignatureChecked;
import io.tagledger.domain.event.TrustPolicySet;
import io.tagledger.domain.trust.SignatureEvidence;
import io.tagledger.domain.trust.SignatureFormats;
import io.tagledger.domain.trust.Signers;
import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustedKeys;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.List;

import static io.tagledger.domain.RefusedBy.refusedBy;

/** A trust policy gates the tags it names: a move onto an image no trusted key signed is refused, or recorded. */
class ImageRepositoryTrustTest {

    private static final String REPO = "team/app";
    private static final RepositoryName NAME = RepositoryName.parse(REPO);
    private static final KeyPair KEY = Signers.p256();
    private static final String PEM = Signers.pem(KEY.getPublic()).strip();
    private static final Manifest IMAGE = Manifests.parsed("signed");
    private static final String DIGEST = IMAGE.digest().value();

    private FixtureConfiguration<ImageRepository> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImageRepository.class);
    }

    private static RepositoryCreated created() {
        return new RepositoryCreated(REPO, TagMutabilityMode.MUTABLE, List.of(), TagProtection.NONE);
    }

    private static TrustPolicySet policy(TrustMode mode) {
        return new TrustPolicySet(REPO, mode.name(), List.of("v*"), List.of(PEM), List.of());
    }

    private static PushImage push(String tag, List<SignatureEvidence> signatures) {
        return new PushImage(NAME, IMAGE, ImageTag.parse(tag), null, PushImage.Repeat.REPEATABLE, signatures);
    }

    private static List<SignatureEvidence> signed(KeyPair key) {
        byte[] payload = Signers.cosignPayload("127.0.0.1/" + REPO, DIGEST);
        return List.of(Signers.evidence("tag " + SignatureFormats.cosignTag(DIGEST),
                Signers.cosignTagManifest(payload, Signers.cosignSignature(key.getPrivate(), payload))));
    }

    private static ImagePushed pushed(String tag) {
        return new ImagePushed(REPO, DIGEST, IMAGE.mediaType(), IMAGE.sizeBytes(), IMAGE.content(), tag, null);
    }

    @Test
    void aTrustPolicyIsReadWholeAndKept() {
        fixture.given(created())
                .when(new SetTrustPolicy(NAME, TrustMode.ENFORCE, List.of("v*", "v*"), List.of(PEM + "\n"), null))
                .expectEvents(policy(TrustMode.ENFORCE));
        fixture.given(created())
                .when(new SetTrustPolicy(NAME, TrustMode.ENFORCE, List.of("v*"), List.of("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"), null))
                .expectException(refusedBy(Refusal.INVALID_PARAMETER))
                .expectNoEvents();
    }

    @Test
    void aTagMoveThePolicyAppliesToAsksForTheSignaturesFirst() {
        fixture.given(created(), policy(TrustMode.ENFORCE))
                .when(push("v1", null))
                .expectResultMessagePayload(PushImage.Outcome.SIGNATURES_NEEDED)
                .expectNoEvents();
    }

    @Test
    void anEnforcedTagMovesOnlyOntoAnImageATrustedKeySigned() {
        String signer = TrustedKeys.cosignKey(PEM).id();
        fixture.given(created(), policy(TrustMode.ENFORCE))
                .when(push("v1", List.of()))
                .expectException(refusedBy(Refusal.TAG_NOT_SIGNED))
                .expectNoEvents();
        fixture.given(created(), policy(TrustMode.ENFORCE))
                .when(push("v1", signed(Signers.p256())))
                .expectException(refusedBy(Refusal.TAG_NOT_SIGNED));
        SignatureEvidence evidence = signed(KEY).get(0);
        fixture.given(created(), policy(TrustMode.ENFORCE))
                .when(push("v1", List.of(evidence)))
                .expectEvents(new TagSignatureChecked(REPO, "v1", DIGEST, "ENFORCE", true, signer,
                        "the cosign signature in " + evidence.digest() + " (" + evidence.source() + ")",
                        "signed by " + signer + " in the cosign signature in " + evidence.digest() + " (" + evidence.source() + ")"), pushed("v1"))
                .expectResultMessagePayload(PushImage.Outcome.DONE);
    }

    @Test
    void anAuditedTagMovesEitherWayAndTheVerdictIsRecorded() {
        fixture.given(created(), policy(TrustMode.AUDIT))
                .when(push("v1", List.of()))
                .expectEvents(new TagSignatureChecked(REPO, "v1", DIGEST, "AUDIT", false, null, null,
                        "no signature of " + DIGEST + " was found, neither under the tag " + SignatureFormats.cosignTag(DIGEST)
                                + " nor among its referrers"), pushed("v1"));
    }

    @Test
    void tagsThePolicyDoesNotNameAndAnUnmovedTagAreNotChecked() {
        fixture.given(created(), policy(TrustMode.ENFORCE))
                .when(push("dev", null))
                .expectEvents(pushed("dev"));
        fixture.given(created(), policy(TrustMode.ENFORCE), pushed("v1"))
                .when(push("v1", null))
                .expectNoEvents()
                .expectResultMessagePayload(PushImage.Outcome.DONE);
        fixture.given(created(), policy(TrustMode.ENFORCE), new TrustPolicySet(REPO, "OFF", List.of(), List.of(), List.of()))
                .when(push("v1", null))
                .expectEvents(pushed("v1"));
    }
}
