package io.tagledger.domain;

import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.CreateRepositoryOnPush;
import io.tagledger.domain.command.DeleteImage;
import io.tagledger.domain.command.DeleteRepository;
import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.command.ReleaseTag;
import io.tagledger.domain.command.SetTagMutability;
import io.tagledger.domain.command.UntagImage;
import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.ImageUntagged;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.TagMutabilitySet;
import io.tagledger.domain.event.TagReleased;
import io.tagledger.domain.event.TrustPolicySet;
import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tagledger.domain.RefusedBy.refusedBy;
import static io.tagledger.domain.TagMutabilityMode.IMMUTABLE;
import static io.tagledger.domain.TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION;
import static io.tagledger.domain.TagMutabilityMode.MUTABLE;
import static io.tagledger.domain.TagMutabilityMode.MUTABLE_WITH_EXCLUSION;

class ImageRepositoryTest {

    private static final String REPO = "team/app";
    private static final RepositoryName NAME = RepositoryName.parse(REPO);
    private static final Manifest ONE = Manifests.parsed("one");
    private static final Manifest TWO = Manifests.parsed("two");

    private FixtureConfiguration<ImageRepository> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImageRepository.class);
    }

    private static RepositoryCreated created(TagMutabilityMode mode, String... filters) {
        return new RepositoryCreated(REPO, mode, List.of(filters), TagProtection.NONE);
    }

    private static RepositoryCreated strict(TagMutabilityMode mode, String... filters) {
        return new RepositoryCreated(REPO, mode, List.of(filters), TagProtection.STRICT);
    }

    private static ImagePushed pushed(Manifest manifest, String tag, String previousDigest) {
        return new ImagePushed(REPO, manifest.digest().value(), manifest.mediaType(), manifest.sizeBytes(),
                manifest.content(), tag, previousDigest);
    }

    private static PushImage push(Manifest manifest, String tag) {
        return new PushImage(NAME, manifest, tag == null ? null : ImageTag.parse(tag), null);
    }

    private static PushImage registryPush(Manifest manifest, String tag) {
        return new PushImage(NAME, manifest, tag == null ? null : ImageTag.parse(tag), null, PushImage.Repeat.REPEATABLE);
    }

    @Test
    void aRegistryPushOfWhatIsAlreadyThereChangesNothingInAMutableRepository() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null))
                .when(registryPush(ONE, "v1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(MUTABLE), pushed(ONE, null, null))
                .when(registryPush(ONE, null))
                .expectNoEvents();
    }

    private static RepositoryCreated acceptingRepushes(TagMutabilityMode mode) {
        return new RepositoryCreated(REPO, mode, List.of(), TagProtection.NONE, TagRepush.ACCEPT_SAME_DIGEST, null);
    }

    @Test
    void aTagsOwnDigestPushedAgainChangesNothingWhereTheRepositoryAcceptsIt() {
        PushImage rest = new PushImage(NAME, ONE, ImageTag.parse("v1"), null, PushImage.Repeat.REFUSED_UNLESS_ACCEPTED);

        fixture.given(acceptingRepushes(IMMUTABLE), pushed(ONE, "v1", null))
                .when(registryPush(ONE, "v1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(acceptingRepushes(IMMUTABLE), pushed(ONE, "v1", null))
                .when(rest)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(acceptingRepushes(MUTABLE), pushed(ONE, "v1", null))
                .when(rest)
                .expectNoEvents();
    }

    @Test
    void acceptingATagsDigestAgainNeverLetsAnImmutableTagMoveNorEcrsPutImageRepeat() {
        fixture.given(acceptingRepushes(IMMUTABLE), pushed(ONE, "v1", null))
                .when(registryPush(TWO, "v1"))
                .expectException(refusedBy(Refusal.IMMUTABLE_TAG_EXISTS));
        fixture.given(acceptingRepushes(IMMUTABLE), pushed(ONE, "v1", null))
                .when(push(ONE, "v1"))
                .expectException(refusedBy(Refusal.IMAGE_ALREADY_EXISTS));
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null))
                .when(new PushImage(NAME, ONE, ImageTag.parse("v1"), null, PushImage.Repeat.REFUSED_UNLESS_ACCEPTED))
                .expectException(refusedBy(Refusal.IMAGE_ALREADY_EXISTS));
    }

    @Test
    void aChangeOfTagMutabilityKeepsTheRepushSettingUnlessItGivesOne() {
        fixture.given(acceptingRepushes(IMMUTABLE))
                .when(new SetTagMutability(NAME, TagMutability.MUTABLE))
                .expectEvents(new TagMutabilitySet(REPO, MUTABLE, List.of(), TagProtection.NONE, TagRepush.ACCEPT_SAME_DIGEST));
        fixture.given(acceptingRepushes(IMMUTABLE))
                .when(new SetTagMutability(NAME, TagMutability.MUTABLE, null, TagRepush.REFUSE))
                .expectEvents(new TagMutabilitySet(REPO, MUTABLE, List.of(), TagProtection.NONE, TagRepush.REFUSE));
    }

    @Test
    void aRegistryPushOfTheSameContentOntoAnImmutableTagIsRefusedAsEcrsRegistryRefusesIt() {
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null))
                .when(registryPush(ONE, "v1"))
                .expectException(refusedBy(Refusal.IMMUTABLE_TAG_EXISTS));
    }

    @Test
    void aSchemaOneRetryIsRefusedByTheTagsRuleFirstThenAsUnsupported() {
        Manifest schemaOne = Manifest.parse("{\"schemaVersion\":1,\"name\":\"team/app\",\"tag\":\"v1\",\"fsLayers\":[]}",
                "application/vnd.docker.distribution.manifest.v1+prettyjws");
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null))
                .when(registryPush(schemaOne, "v1"))
                .expectException(refusedBy(Refusal.IMMUTABLE_TAG_EXISTS));
        fixture.given(created(MUTABLE))
                .when(registryPush(schemaOne, "v1"))
                .expectException(refusedBy(Refusal.UNSUPPORTED_MANIFEST))
                .expectNoEvents();
    }

    @Test
    void creatingARepositoryRecordsItsMutability() {
        fixture.givenNoPriorActivity()
                .when(new CreateRepository(NAME, TagMutability.of(IMMUTABLE_WITH_EXCLUSION, List.of("dev-*"))))
                .expectEvents(created(IMMUTABLE_WITH_EXCLUSION, "dev-*"));
    }

    @Test
    void creatingAnExistingRepositoryIsRejected() {
        fixture.given(created(MUTABLE))
                .when(new CreateRepository(NAME, TagMutability.MUTABLE))
                .expectException(refusedBy(Refusal.REPOSITORY_ALREADY_EXISTS))
                .expectNoEvents();
    }

    @Test
    void aDeletedRepositoryCanBeCreatedAgain() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null), new RepositoryDeleted(REPO, true, 1))
                .when(new CreateRepository(NAME, TagMutability.of(IMMUTABLE, List.of())))
                .expectEvents(created(IMMUTABLE));
    }

    @Test
    void aRecreatedRepositoryStartsEmpty() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null), new RepositoryDeleted(REPO, true, 1), created(IMMUTABLE))
                .when(push(TWO, "v1"))
                .expectEvents(pushed(TWO, "v1", null));
    }

    @Test
    void commandsOnAMissingRepositoryAreRejected() {
        fixture.givenNoPriorActivity()
                .when(push(ONE, "v1"))
                .expectException(refusedBy(Refusal.REPOSITORY_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void commandsOnADeletedRepositoryAreRejected() {
        fixture.given(created(MUTABLE), new RepositoryDeleted(REPO, false, 0))
                .when(new SetTagMutability(NAME, TagMutability.of(IMMUTABLE, List.of())))
                .expectException(refusedBy(Refusal.REPOSITORY_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void pushingANewManifestWithATagCreatesTheImage() {
        fixture.given(created(IMMUTABLE))
                .when(push(ONE, "v1"))
                .expectEvents(pushed(ONE, "v1", null));
    }

    @Test
    void pushingWithoutATagCreatesAnUntaggedImage() {
        fixture.given(created(MUTABLE))
                .when(push(ONE, null))
                .expectEvents(pushed(ONE, null, null));
    }

    @Test
    void pushingAnExistingTagToAnImmutableRepositoryIsRejected() {
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null))
                .when(push(TWO, "v1"))
                .expectException(refusedBy(Refusal.IMMUTABLE_TAG_EXISTS))
                .expectExceptionMessage("The image tag 'v1' already exists in the 'team/app' repository and cannot be "
                        + "overwritten because the repository is immutable.")
                .expectNoEvents();
    }

    @Test
    void pushingAnExistingTagToAMutableRepositoryMovesTheTagAndKeepsTheOldImage() {
        fixture.given(created(MUTABLE), pushed(ONE, "latest", null))
                .when(push(TWO, "latest"))
                .expectEvents(pushed(TWO, "latest", ONE.digest().value()));
    }

    @Test
    void theImageLeftUntaggedByAMoveCanStillBeDeleted() {
        fixture.given(created(MUTABLE), pushed(ONE, "latest", null), pushed(TWO, "latest", ONE.digest().value()))
                .when(new DeleteImage(NAME, ONE.digest()))
                .expectEvents(new ImageDeleted(REPO, ONE.digest().value(), List.of()));
    }

    @Test
    void pushingTheSameDigestWithTheSameTagIsRejectedInEveryMode() {
        for (RepositoryCreated creation : List.of(created(MUTABLE), created(IMMUTABLE),
                created(IMMUTABLE_WITH_EXCLUSION, "v*"), created(MUTABLE_WITH_EXCLUSION, "v*"))) {
            new AggregateTestFixture<>(ImageRepository.class)
                    .given(creation, pushed(ONE, "v1", null))
                    .when(push(ONE, "v1"))
                    .expectException(refusedBy(Refusal.IMAGE_ALREADY_EXISTS))
                    .expectNoEvents();
        }
    }

    @Test
    void pushingAStoredDigestWithANewTagAddsTheTagEvenWhenImmutable() {
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null))
                .when(push(ONE, "stable"))
                .expectEvents(pushed(ONE, "stable", null));
    }

    @Test
    void pushingAStoredDigestWithoutATagIsRejected() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null))
                .when(push(ONE, null))
                .expectException(refusedBy(Refusal.IMAGE_ALREADY_EXISTS))
                .expectNoEvents();
    }

    @Test
    void aSuppliedDigestThatDiffersIsRejected() {
        fixture.given(created(MUTABLE))
                .when(new PushImage(NAME, ONE, ImageTag.parse("v1"), TWO.digest()))
                .expectException(refusedBy(Refusal.DIGEST_DOES_NOT_MATCH))
                .expectNoEvents();
    }

    @Test
    void aSuppliedDigestThatMatchesIsAccepted() {
        fixture.given(created(MUTABLE))
                .when(new PushImage(NAME, ONE, ImageTag.parse("v1"), ONE.digest()))
                .expectEvents(pushed(ONE, "v1", null));
    }

    @Test
    void immutableWithExclusionLetsMatchingTagsMove() {
        fixture.given(created(IMMUTABLE_WITH_EXCLUSION, "dev-*", "latest"), pushed(ONE, "dev-42", null))
                .when(push(TWO, "dev-42"))
                .expectEvents(pushed(TWO, "dev-42", ONE.digest().value()));
    }

    @Test
    void immutableWithExclusionKeepsOtherTagsFixed() {
        fixture.given(created(IMMUTABLE_WITH_EXCLUSION, "dev-*", "latest"), pushed(ONE, "v1", null))
                .when(push(TWO, "v1"))
                .expectException(refusedBy(Refusal.IMMUTABLE_TAG_EXISTS))
                .expectNoEvents();
    }

    @Test
    void mutableWithExclusionKeepsMatchingTagsFixed() {
        fixture.given(created(MUTABLE_WITH_EXCLUSION, "prod-*"), pushed(ONE, "prod-1", null))
                .when(push(TWO, "prod-1"))
                .expectException(refusedBy(Refusal.IMMUTABLE_TAG_EXISTS))
                .expectNoEvents();
    }

    @Test
    void mutableWithExclusionLetsOtherTagsMove() {
        fixture.given(created(MUTABLE_WITH_EXCLUSION, "prod-*"), pushed(ONE, "latest", null))
                .when(push(TWO, "latest"))
                .expectEvents(pushed(TWO, "latest", ONE.digest().value()));
    }

    @Test
    void changingTheMutabilityIsRecorded() {
        fixture.given(created(MUTABLE))
                .when(new SetTagMutability(NAME, TagMutability.of(MUTABLE_WITH_EXCLUSION, List.of("prod-*"))))
                .expectEvents(new TagMutabilitySet(REPO, MUTABLE_WITH_EXCLUSION, List.of("prod-*"), TagProtection.NONE));
    }

    @Test
    void changingTheMutabilityIsNotRetroactiveButAppliesToTheNextPush() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null), pushed(TWO, "v1", ONE.digest().value()),
                        new TagMutabilitySet(REPO, IMMUTABLE, List.of(), TagProtection.NONE))
                .when(push(ONE, "v1"))
                .expectException(refusedBy(Refusal.IMMUTABLE_TAG_EXISTS));
    }

    @Test
    void untaggingRemovesTheTag() {
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null), pushed(ONE, "stable", null))
                .when(new UntagImage(NAME, ImageTag.parse("v1")))
                .expectEvents(new ImageUntagged(REPO, "v1", ONE.digest().value()))
                .expectResultMessagePayload(ONE.digest().value());
    }

    @Test
    void untaggingTheLastTagDeletesTheImageAsEcrDoes() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null))
                .when(new UntagImage(NAME, ImageTag.parse("v1")))
                .expectEvents(new ImageUntagged(REPO, "v1", ONE.digest().value()),
                        new ImageDeleted(REPO, ONE.digest().value(), List.of()));
    }

    @Test
    void untaggingATagThatPointsElsewhereThanTheGivenDigestIsRejected() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null))
                .when(new UntagImage(NAME, ImageTag.parse("v1"), TWO.digest()))
                .expectException(refusedBy(Refusal.TAG_DOES_NOT_MATCH_DIGEST))
                .expectNoEvents();
    }

    @Test
    void untaggingATagThatPointsToTheGivenDigestRemovesIt() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null), pushed(ONE, "v2", null))
                .when(new UntagImage(NAME, ImageTag.parse("v1"), ONE.digest()))
                .expectEvents(new ImageUntagged(REPO, "v1", ONE.digest().value()));
    }

    @Test
    void untaggingAMissingTagIsRejected() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null))
                .when(new UntagImage(NAME, ImageTag.parse("v2")))
                .expectException(refusedBy(Refusal.TAG_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void deletingAnImageRemovesItWithAllItsTags() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null), pushed(ONE, "stable", null))
                .when(new DeleteImage(NAME, ONE.digest()))
                .expectEvents(new ImageDeleted(REPO, ONE.digest().value(), List.of("v1", "stable")))
                .expectResultMessagePayload(List.of("v1", "stable"));
    }

    @Test
    void deletingAMissingImageIsRejected() {
        fixture.given(created(MUTABLE))
                .when(new DeleteImage(NAME, ONE.digest()))
                .expectException(refusedBy(Refusal.IMAGE_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aDeletedTagCanBePushedAgainWithOtherContentAsInEcr() {
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null), new ImageDeleted(REPO, ONE.digest().value(), List.of("v1")))
                .when(push(TWO, "v1"))
                .expectEvents(pushed(TWO, "v1", null));
    }

    @Test
    void deletingAnEmptyRepositoryIsRecorded() {
        fixture.given(created(MUTABLE))
                .when(new DeleteRepository(NAME, false))
                .expectEvents(new RepositoryDeleted(REPO, false, 0));
    }

    @Test
    void deletingARepositoryWithImagesWithoutForceIsRejected() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null))
                .when(new DeleteRepository(NAME, false))
                .expectException(refusedBy(Refusal.REPOSITORY_NOT_EMPTY))
                .expectNoEvents();
    }

    @Test
    void deletingARepositoryWithImagesWithForceIsRecorded() {
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null), pushed(TWO, null, null))
                .when(new DeleteRepository(NAME, true))
                .expectEvents(new RepositoryDeleted(REPO, true, 2));
    }

    @Test
    void strictProtectionIsRecordedOnCreation() {
        fixture.givenNoPriorActivity()
                .when(new CreateRepository(NAME, TagMutability.of(IMMUTABLE, List.of()), TagProtection.STRICT))
                .expectEvents(strict(IMMUTABLE));
    }

    @Test
    void underStrictProtectionAnImmutableTagCannotBeUntagged() {
        fixture.given(strict(IMMUTABLE), pushed(ONE, "v1", null), pushed(ONE, "stable", null))
                .when(new UntagImage(NAME, ImageTag.parse("v1")))
                .expectException(refusedBy(Refusal.PROTECTED_TAG_CHANGE))
                .expectNoEvents();
    }

    @Test
    void underStrictProtectionAnImageWithAnImmutableTagCannotBeDeleted() {
        fixture.given(strict(IMMUTABLE_WITH_EXCLUSION, "dev-*"), pushed(ONE, "v1", null))
                .when(new DeleteImage(NAME, ONE.digest()))
                .expectException(refusedBy(Refusal.PROTECTED_TAG_CHANGE))
                .expectNoEvents();
    }

    @Test
    void underStrictProtectionMutableTagsCanStillBeRemoved() {
        fixture.given(strict(IMMUTABLE_WITH_EXCLUSION, "dev-*"), pushed(ONE, "dev-1", null))
                .when(new DeleteImage(NAME, ONE.digest()))
                .expectEvents(new ImageDeleted(REPO, ONE.digest().value(), List.of("dev-1")));
    }

    @Test
    void underStrictProtectionATagPublishedAsImmutableNeverPointsToOtherContent() {
        // Published immutable under STRICT, then made mutable: the tag may go, but never come back as other content.
        fixture.given(strict(IMMUTABLE), pushed(ONE, "v1", null),
                        new TagMutabilitySet(REPO, MUTABLE, List.of(), TagProtection.STRICT),
                        new ImageDeleted(REPO, ONE.digest().value(), List.of("v1")))
                .when(push(TWO, "v1"))
                .expectException(refusedBy(Refusal.TAG_PUBLISHED_AS_IMMUTABLE))
                .expectNoEvents();
    }

    @Test
    void underStrictProtectionATagPublishedAsImmutableMayReturnWithItsOwnContent() {
        fixture.given(strict(IMMUTABLE), pushed(ONE, "v1", null),
                        new TagMutabilitySet(REPO, MUTABLE, List.of(), TagProtection.STRICT),
                        new ImageDeleted(REPO, ONE.digest().value(), List.of("v1")))
                .when(push(ONE, "v1"))
                .expectEvents(pushed(ONE, "v1", null));
    }

    @Test
    void turningStrictProtectionOnProtectsTheTagsThatAreImmutableThen() {
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null),
                        new TagMutabilitySet(REPO, IMMUTABLE, List.of(), TagProtection.STRICT))
                .when(new UntagImage(NAME, ImageTag.parse("v1")))
                .expectException(refusedBy(Refusal.PROTECTED_TAG_CHANGE));
    }

    @Test
    void withoutStrictProtectionAnImmutableTagCanBeDeletedAndReusedAsInEcr() {
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null), new ImageUntagged(REPO, "v1", ONE.digest().value()),
                        new ImageDeleted(REPO, ONE.digest().value(), List.of()))
                .when(push(TWO, "v1"))
                .expectEvents(pushed(TWO, "v1", null));
    }

    @Test
    void strictProtectionCannotBeTurnedOff() {
        fixture.given(strict(IMMUTABLE))
                .when(new SetTagMutability(NAME, TagMutability.of(MUTABLE, List.of()), TagProtection.NONE))
                .expectException(refusedBy(Refusal.STRICT_PROTECTION_IS_FINAL))
                .expectNoEvents();
    }

    @Test
    void changingTheMutabilityKeepsTheProtectionWhenNoneIsGiven() {
        fixture.given(strict(IMMUTABLE))
                .when(new SetTagMutability(NAME, TagMutability.of(MUTABLE, List.of())))
                .expectEvents(new TagMutabilitySet(REPO, MUTABLE, List.of(), TagProtection.STRICT));
    }

    @Test
    void aStrictRepositoryThatPublishedImmutableTagsCannotBeDeleted() {
        fixture.given(strict(IMMUTABLE), pushed(ONE, "v1", null))
                .when(new DeleteRepository(NAME, true))
                .expectException(refusedBy(Refusal.PROTECTED_REPOSITORY))
                .expectNoEvents();
    }

    @Test
    void anEmptyStrictRepositoryCanBeDeleted() {
        fixture.given(strict(IMMUTABLE))
                .when(new DeleteRepository(NAME, false))
                .expectEvents(new RepositoryDeleted(REPO, false, 0));
    }

    @Test
    void theFirstPushToANewNameCreatesItFromItsTemplateAndTheOthersPushIntoIt() {
        CreateRepositoryOnPush onPush = new CreateRepositoryOnPush(NAME, TemplatePrefix.parse("team"), TagMutability.of(IMMUTABLE, List.of()),
                null);

        fixture.givenNoPriorActivity()
                .when(onPush)
                .expectEvents(new RepositoryCreated(REPO, IMMUTABLE, List.of(), TagProtection.NONE, TagRepush.REFUSE, "team"));
        new AggregateTestFixture<>(ImageRepository.class).given(created(MUTABLE))
                .when(onPush)
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
        new AggregateTestFixture<>(ImageRepository.class).givenNoPriorActivity()
                .when(new CreateRepositoryOnPush(NAME, TemplatePrefix.parse("team"), TagMutability.MUTABLE,
                        new TrustPolicy(TrustMode.AUDIT, List.of("v*"), List.of(), List.of())))
                .expectEvents(new RepositoryCreated(REPO, MUTABLE, List.of(), TagProtection.NONE, TagRepush.REFUSE, "team"),
                        new TrustPolicySet(REPO, "AUDIT", List.of("v*"), List.of(), List.of()));
    }

    private static RepositoryCreated sealed(TagMutabilityMode mode, String... filters) {
        return new RepositoryCreated(REPO, mode, List.of(filters), TagProtection.SEALED);
    }

    @Test
    void aSealedTagMayBeDeletedButNeverPointsAtOtherContentAndTheSameDigestRestoresIt() {
        fixture.given(sealed(IMMUTABLE), pushed(ONE, "v1", null), new ImageUntagged(REPO, "v1", ONE.digest().value()),
                        new ImageDeleted(REPO, ONE.digest().value(), List.of()))
                .when(push(TWO, "v1"))
                .expectException(refusedBy(Refusal.TAG_SEALED))
                .expectNoEvents();
        fixture.given(sealed(IMMUTABLE), pushed(ONE, "v1", null), new ImageUntagged(REPO, "v1", ONE.digest().value()))
                .when(push(ONE, "v1"))
                .expectEvents(pushed(ONE, "v1", null));
        fixture.given(sealed(IMMUTABLE), pushed(ONE, "v1", null))
                .when(new UntagImage(NAME, ImageTag.parse("v1")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aSealOutlivesTheRepositoryAndWhateverProtectionItsNameHasNext() {
        fixture.given(sealed(IMMUTABLE), pushed(ONE, "v1", null), new RepositoryDeleted(REPO, true, 1), created(MUTABLE))
                .when(push(TWO, "v1"))
                .expectException(refusedBy(Refusal.TAG_SEALED));
        fixture.given(sealed(IMMUTABLE), pushed(ONE, "v1", null), new RepositoryDeleted(REPO, true, 1), created(MUTABLE))
                .when(push(TWO, "v2"))
                .expectEvents(pushed(TWO, "v2", null));
    }

    @Test
    void onlyWhatIsImmutableWhenPushedUnderSealedIsSealed() {
        fixture.given(sealed(IMMUTABLE_WITH_EXCLUSION, "latest"), pushed(ONE, "latest", null))
                .when(push(TWO, "latest"))
                .expectEvents(pushed(TWO, "latest", ONE.digest().value()));
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null),
                        new TagMutabilitySet(REPO, IMMUTABLE, List.of(), TagProtection.SEALED), new ImageUntagged(REPO, "v1", ONE.digest().value()))
                .when(push(TWO, "v1"))
                .expectException(refusedBy(Refusal.TAG_SEALED));
    }

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    private static ReleaseTag release(String tag, String reason, Duration validFor) {
        return new ReleaseTag(NAME, ImageTag.parse(tag), reason, validFor);
    }

    private static TagReleased released(Manifest manifest, String tag, Instant until) {
        return new TagReleased(REPO, tag, manifest.digest().value(), "CVE-2026-1234 in the base image", until.toString());
    }

    @Test
    void aReleaseLetsAnImmutableTagMoveOnceAndTheMoveUsesItUp() {
        fixture.givenCurrentTime(NOW).andGiven(created(IMMUTABLE), pushed(ONE, "v1", null))
                .when(release("v1", "CVE-2026-1234 in the base image", Duration.ofMinutes(10)))
                .expectEvents(released(ONE, "v1", NOW.plus(Duration.ofMinutes(10))))
                .expectResultMessagePayload(NOW.plus(Duration.ofMinutes(10)));
        fixture.givenCurrentTime(NOW).andGiven(created(IMMUTABLE), pushed(ONE, "v1", null), released(ONE, "v1", NOW.plusSeconds(600)))
                .when(push(TWO, "v1"))
                .expectEvents(pushed(TWO, "v1", ONE.digest().value()));
        fixture.givenCurrentTime(NOW).andGiven(created(IMMUTABLE), pushed(ONE, "v1", null), released(ONE, "v1", NOW.plusSeconds(600)),
                        pushed(TWO, "v1", ONE.digest().value()))
                .when(push(ONE, "v1"))
                .expectException(refusedBy(Refusal.IMMUTABLE_TAG_EXISTS));
    }

    @Test
    void aReleaseThatHasEndedAllowsNothing() {
        fixture.givenCurrentTime(NOW).andGiven(created(IMMUTABLE), pushed(ONE, "v1", null), released(ONE, "v1", NOW.minusSeconds(1)))
                .when(push(TWO, "v1"))
                .expectException(refusedBy(Refusal.IMMUTABLE_TAG_EXISTS));
    }

    @Test
    void aReleaseLetsAStrictTagBeUntaggedOnceAndThenPublishedAnew() {
        fixture.givenCurrentTime(NOW).andGiven(strict(IMMUTABLE), pushed(ONE, "v1", null), released(ONE, "v1", NOW.plusSeconds(600)))
                .when(new UntagImage(NAME, ImageTag.parse("v1")))
                .expectSuccessfulHandlerExecution();
        fixture.givenCurrentTime(NOW).andGiven(strict(IMMUTABLE), pushed(ONE, "v1", null), released(ONE, "v1", NOW.plusSeconds(600)),
                        new ImageUntagged(REPO, "v1", ONE.digest().value()))
                .when(push(TWO, "v1"))
                .expectEvents(pushed(TWO, "v1", null));
    }

    @Test
    void onlyAnImmutableTagThatIsThereAndNotSealedIsReleasedForAStatedReasonAndAShortWhile() {
        fixture.given(sealed(IMMUTABLE), pushed(ONE, "v1", null))
                .when(release("v1", "why", Duration.ofMinutes(10)))
                .expectException(refusedBy(Refusal.SEALED_TAG_RELEASE));
        fixture.given(created(MUTABLE), pushed(ONE, "v1", null))
                .when(release("v1", "why", Duration.ofMinutes(10)))
                .expectException(refusedBy(Refusal.RELEASE_NOT_NEEDED));
        fixture.given(created(IMMUTABLE))
                .when(release("v1", "why", Duration.ofMinutes(10)))
                .expectException(refusedBy(Refusal.TAG_NOT_FOUND));
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null))
                .when(release("v1", " ", Duration.ofMinutes(10)))
                .expectException(refusedBy(Refusal.INVALID_PARAMETER));
        fixture.given(created(IMMUTABLE), pushed(ONE, "v1", null))
                .when(release("v1", "why", Duration.ofDays(2)))
                .expectException(refusedBy(Refusal.INVALID_PARAMETER));
    }
}
