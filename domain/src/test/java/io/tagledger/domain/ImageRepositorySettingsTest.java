package io.tagledger.domain;

import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.DeleteRepositoryPolicy;
import io.tagledger.domain.command.SetRepositoryPolicy;
import io.tagledger.domain.command.SetImageScanning;
import io.tagledger.domain.command.TagRepository;
import io.tagledger.domain.command.UntagRepository;
import io.tagledger.domain.event.EncryptionConfigured;
import io.tagledger.domain.event.ImageScanningSet;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.RepositoryPolicyDeleted;
import io.tagledger.domain.event.RepositoryPolicySet;
import io.tagledger.domain.event.ResourceTagsAdded;
import io.tagledger.domain.event.ResourceTagsRemoved;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tagledger.domain.RefusedBy.refusedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings a repository keeps beyond its tag rules: resource tags, scanning, encryption. */
class ImageRepositorySettingsTest {

    private static final String REPO = "team/app";
    private static final RepositoryName NAME = RepositoryName.parse(REPO);

    private FixtureConfiguration<ImageRepository> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImageRepository.class);
    }

    private static RepositoryCreated created() {
        return new RepositoryCreated(REPO, TagMutabilityMode.MUTABLE, List.of(), TagProtection.NONE);
    }

    private static Map<String, String> tags(int count) {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put("key" + i, "value" + i);
        }
        return tags;
    }

    @Test
    void aRepositoryCreatedWithTagsScanningAndEncryptionKeepsEachAsAnEvent() {
        fixture.givenNoPriorActivity()
                .when(new CreateRepository(NAME, TagMutability.MUTABLE, null, null, new ResourceTags(Map.of("team", "payments")), true,
                        new EncryptionConfiguration("KMS", "arn:aws:kms:us-east-1:123456789012:key/k1")))
                .expectEvents(created(), new ResourceTagsAdded(REPO, Map.of("team", "payments")), new ImageScanningSet(REPO, true),
                        new EncryptionConfigured(REPO, "KMS", "arn:aws:kms:us-east-1:123456789012:key/k1"));
        fixture.givenNoPriorActivity()
                .when(new CreateRepository(NAME, TagMutability.MUTABLE))
                .expectEvents(created());
    }

    @Test
    void tagsAreAddedUpToFiftyAndRemovedByKey() {
        fixture.given(created(), new ResourceTagsAdded(REPO, tags(49)))
                .when(new TagRepository(NAME, new ResourceTags(Map.of("key0", "new", "key49", "v"))))
                .expectEvents(new ResourceTagsAdded(REPO, Map.of("key0", "new", "key49", "v")));
        fixture.given(created(), new ResourceTagsAdded(REPO, tags(49)))
                .when(new TagRepository(NAME, new ResourceTags(Map.of("key49", "v", "key50", "v"))))
                .expectException(refusedBy(Refusal.TOO_MANY_TAGS));
        fixture.given(created(), new ResourceTagsAdded(REPO, tags(2)))
                .when(new UntagRepository(NAME, List.of("key1", "absent", "key1")))
                .expectEvents(new ResourceTagsRemoved(REPO, List.of("key1")));
        fixture.given(created(), new ResourceTagsAdded(REPO, tags(2)), new RepositoryDeleted(REPO, false, 0), created())
                .when(new UntagRepository(NAME, List.of("key1")))
                .expectNoEvents();
        fixture.given(created())
                .when(new SetImageScanning(NAME, true))
                .expectEvents(new ImageScanningSet(REPO, true));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable creation, Refusal rule) {
        assertThatThrownBy(creation).isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }

    @Test
    void tagsAndEncryptionOutsideEcrsLimitsAreRefused() {
        assertRefused(() -> new ResourceTags(Map.of("k".repeat(129), "v")), Refusal.INVALID_TAG_PARAMETER);
        assertRefused(() -> new ResourceTags(Map.of("k", "v".repeat(257))), Refusal.INVALID_TAG_PARAMETER);
        assertRefused(() -> new ResourceTags(Map.of("", "v")), Refusal.INVALID_TAG_PARAMETER);
        assertRefused(() -> new ResourceTags(Map.of("aws:owner", "v")), Refusal.RESERVED_TAG_KEY);
        assertRefused(() -> new ResourceTags(tags(51)), Refusal.TOO_MANY_TAGS);
        assertRefused(() -> new EncryptionConfiguration("DES", null), Refusal.INVALID_PARAMETER);
        assertRefused(() -> new EncryptionConfiguration("AES256", "key"), Refusal.INVALID_PARAMETER);
    }

    @Test
    void aRepositoryPolicyIsSetAndDeletedAndGoesWithItsRepository() {
        String policy = "{\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:PutImage\"}}";
        fixture.given(created())
                .when(new SetRepositoryPolicy(NAME, policy))
                .expectEvents(new RepositoryPolicySet(REPO, policy));
        fixture.given(created(), new RepositoryPolicySet(REPO, policy))
                .when(new DeleteRepositoryPolicy(NAME))
                .expectEvents(new RepositoryPolicyDeleted(REPO, policy))
                .expectResultMessagePayload(policy);
        fixture.given(created(), new RepositoryPolicySet(REPO, policy), new RepositoryDeleted(REPO, false, 0), created())
                .when(new DeleteRepositoryPolicy(NAME))
                .expectException(refusedBy(Refusal.REPOSITORY_POLICY_NOT_FOUND));
    }
}
