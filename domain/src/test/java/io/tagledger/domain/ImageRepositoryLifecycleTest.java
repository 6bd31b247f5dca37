package io.tagledger.domain;

import io.tagledger.domain.command.ApplyLifecyclePolicy;
import io.tagledger.domain.command.DeleteLifecyclePolicy;
import io.tagledger.domain.command.PreviewLifecyclePolicy;
import io.tagledger.domain.command.PutLifecyclePolicy;
import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImageExpired;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.LifecyclePolicyDeleted;
import io.tagledger.domain.event.LifecyclePolicySet;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.lifecycle.LifecycleExpiry;
import io.tagledger.domain.lifecycle.LifecyclePolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tagledger.domain.RefusedBy.refusedBy;
import static org.hamcrest.Matchers.hasSize;

/** The lifecycle policy, as the repository keeps and applies it, over simulated time: the fixture's clock. */
class ImageRepositoryLifecycleTest {

    private static final String REPO = "team/app";
    private static final RepositoryName NAME = RepositoryName.parse(REPO);
    private static final Instant DAY_0 = Instant.parse("2026-11-01T08:00:00Z");
    private static final Manifest ONE = Manifests.parsed("one");
    private static final Manifest TWO = Manifests.parsed("two");
    private static final Manifest THREE = Manifests.parsed("three");
    /** Keeps the two newest dev images, and untagged images for 7 days. */
    private static final LifecyclePolicy POLICY = LifecyclePolicy.parse("{\"rules\":["
            + "{\"rulePriority\":1,\"description\":\"last two dev\",\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"dev-*\"],"
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\","
            + "\"countNumber\":7},\"action\":{\"type\":\"expire\"}}]}");

    private FixtureConfiguration<ImageRepository> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImageRepository.class);
    }

    private static RepositoryCreated created(TagMutabilityMode mode, TagProtection protection) {
        return new RepositoryCreated(REPO, mode, List.of(), protection);
    }

    private static ImagePushed pushed(Manifest manifest, String tag) {
        return new ImagePushed(REPO, manifest.digest().value(), manifest.mediaType(), manifest.sizeBytes(), manifest.content(), tag, null);
    }

    private static Instant day(int day) {
        return DAY_0.plus(Duration.ofDays(day));
    }

    @Test
    void applyingThePolicyExpiresEachImageItSelectsWithItsRuleAndReasonThenDeletesIt() {
        String one = ONE.digest().value();
        fixture.givenCurrentTime(day(0)).andGiven(created(TagMutabilityMode.MUTABLE, TagProtection.NONE), pushed(ONE, "dev-1"))
                .andGivenCurrentTime(day(1)).andGiven(pushed(TWO, "dev-2"))
                .andGivenCurrentTime(day(2)).andGiven(pushed(THREE, "dev-3"), new LifecyclePolicySet(REPO, POLICY.text()))
                .when(new ApplyLifecyclePolicy(NAME))
                .expectEvents(new ImageExpired(REPO, one, List.of("dev-1"), POLICY.digest(), 1, "last two dev",
                                "imageCountMoreThan 2: the 3rd newest of 3 images tagged dev-*"),
                        new ImageDeleted(REPO, one, List.of("dev-1")))
                .expectResultMessagePayloadMatching(hasSize(1));
    }

    @Test
    void anUntaggedImageIsExpiredOnlyOnceItsAgeHasCome() {
        fixture.givenCurrentTime(day(0)).andGiven(created(TagMutabilityMode.MUTABLE, TagProtection.NONE), pushed(ONE, null),
                        new LifecyclePolicySet(REPO, POLICY.text()))
                .andGivenCurrentTime(day(6))
                .when(new ApplyLifecyclePolicy(NAME))
                .expectNoEvents();
        fixture.givenCurrentTime(day(0)).andGiven(created(TagMutabilityMode.MUTABLE, TagProtection.NONE), pushed(ONE, null),
                        new LifecyclePolicySet(REPO, POLICY.text()))
                .andGivenCurrentTime(day(7))
                .when(new ApplyLifecyclePolicy(NAME))
                .expectEvents(new ImageExpired(REPO, ONE.digest().value(), List.of(), POLICY.digest(), 2, null,
                                "sinceImagePushed 7 days: pushed at 2026-11-01T08:00:00Z, 7 days before 2026-11-08T08:00:00Z"),
                        new ImageDeleted(REPO, ONE.digest().value(), List.of()));
    }

    @Test
    void aStrictOrSealedTagIsNeverExpired() {
        for (TagProtection protection : List.of(TagProtection.STRICT, TagProtection.SEALED)) {
            fixture.givenCurrentTime(day(0)).andGiven(created(TagMutabilityMode.IMMUTABLE, protection), pushed(ONE, "dev-1"))
                    .andGivenCurrentTime(day(1)).andGiven(pushed(TWO, "dev-2"))
                    .andGivenCurrentTime(day(2)).andGiven(pushed(THREE, "dev-3"), new LifecyclePolicySet(REPO, POLICY.text()))
                    .when(new ApplyLifecyclePolicy(NAME))
                    .expectNoEvents();
        }
        fixture.givenCurrentTime(day(0)).andGiven(created(TagMutabilityMode.IMMUTABLE, TagProtection.NONE), pushed(ONE, "dev-1"))
                .andGivenCurrentTime(day(1)).andGiven(pushed(TWO, "dev-2"))
                .andGivenCurrentTime(day(2)).andGiven(pushed(THREE, "dev-3"), new LifecyclePolicySet(REPO, POLICY.text()))
                .when(new ApplyLifecyclePolicy(NAME))
                .expectEvents(new ImageExpired(REPO, ONE.digest().value(), List.of("dev-1"), POLICY.digest(), 1, "last two dev",
                                "imageCountMoreThan 2: the 3rd newest of 3 images tagged dev-*"),
                        new ImageDeleted(REPO, ONE.digest().value(), List.of("dev-1")));
    }

    @Test
    void thePreviewIsWhatApplyingWouldDoAndChangesNothing() {
        fixture.givenCurrentTime(day(0)).andGiven(created(TagMutabilityMode.MUTABLE, TagProtection.NONE), pushed(ONE, "dev-1"))
                .andGivenCurrentTime(day(1)).andGiven(pushed(TWO, "dev-2"))
                .andGivenCurrentTime(day(2)).andGiven(pushed(THREE, "dev-3"))
                .when(new PreviewLifecyclePolicy(NAME, POLICY.text()))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new LifecycleExpiry(ONE.digest().value(), List.of("dev-1"), day(0), 1,
                        "last two dev", "imageCountMoreThan 2: the 3rd newest of 3 images tagged dev-*")));
    }

    @Test
    void aPolicyIsSetReplacedAndDeletedAndWithoutOneThereIsNothingToApply() {
        fixture.given(created(TagMutabilityMode.MUTABLE, TagProtection.NONE))
                .when(new PutLifecyclePolicy(NAME, POLICY.text()))
                .expectEvents(new LifecyclePolicySet(REPO, POLICY.text()));
        fixture.given(created(TagMutabilityMode.MUTABLE, TagProtection.NONE), new LifecyclePolicySet(REPO, POLICY.text()))
                .when(new DeleteLifecyclePolicy(NAME))
                .expectEvents(new LifecyclePolicyDeleted(REPO, POLICY.text()))
                .expectResultMessagePayload(POLICY.text());
        fixture.given(created(TagMutabilityMode.MUTABLE, TagProtection.NONE), new LifecyclePolicySet(REPO, POLICY.text()),
                        new LifecyclePolicyDeleted(REPO, POLICY.text()))
                .when(new ApplyLifecyclePolicy(NAME))
                .expectException(refusedBy(Refusal.LIFECYCLE_POLICY_NOT_FOUND));
        fixture.given(created(TagMutabilityMode.MUTABLE, TagProtection.NONE), new LifecyclePolicySet(REPO, POLICY.text()),
                        new RepositoryDeleted(REPO, false, 0), created(TagMutabilityMode.MUTABLE, TagProtection.NONE))
                .when(new DeleteLifecyclePolicy(NAME))
                .expectException(refusedBy(Refusal.LIFECYCLE_POLICY_NOT_FOUND));
        fixture.givenNoPriorActivity()
                .when(new PutLifecyclePolicy(NAME, POLICY.text()))
                .expectException(refusedBy(Refusal.REPOSITORY_NOT_FOUND));
    }
}
