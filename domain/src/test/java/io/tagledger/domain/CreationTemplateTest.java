package io.tagledger.domain;

import io.tagledger.domain.command.CreateCreationTemplate;
import io.tagledger.domain.command.DeleteCreationTemplate;
import io.tagledger.domain.command.UpdateCreationTemplate;
import io.tagledger.domain.event.CreationTemplateCreated;
import io.tagledger.domain.event.CreationTemplateDeleted;
import io.tagledger.domain.event.CreationTemplateUpdated;
import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.tagledger.domain.RefusedBy.refusedBy;
import static io.tagledger.domain.TagMutabilityMode.IMMUTABLE;
import static io.tagledger.domain.TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION;
import static io.tagledger.domain.TemplateUse.CREATE_ON_PUSH;
import static io.tagledger.domain.TemplateUse.REPLICATION;

class CreationTemplateTest {

    private static final TemplatePrefix PROD = TemplatePrefix.parse("prod/");
    private static final CreationTemplateCreated CREATED =
            new CreationTemplateCreated("prod", "immutable releases", IMMUTABLE, List.of(), List.of(CREATE_ON_PUSH), null);

    private FixtureConfiguration<CreationTemplate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreationTemplate.class);
    }

    @Test
    void aTemplateIsCreatedOncePerPrefix() {
        CreateCreationTemplate create = new CreateCreationTemplate(PROD, "immutable releases",
                TagMutability.of(IMMUTABLE, List.of()), Set.of(CREATE_ON_PUSH), null);

        fixture.givenNoPriorActivity().when(create).expectEvents(CREATED);
        new AggregateTestFixture<>(CreationTemplate.class).given(CREATED).when(create)
                .expectException(refusedBy(Refusal.TEMPLATE_ALREADY_EXISTS));
    }

    @Test
    void aTemplateIsForAtLeastOneUse() {
        fixture.givenNoPriorActivity()
                .when(new CreateCreationTemplate(PROD, null, null, Set.of(), null))
                .expectException(refusedBy(Refusal.INVALID_PARAMETER));
    }

    @Test
    void anUpdateKeepsWhatItDoesNotGive() {
        fixture.given(CREATED)
                .when(new UpdateCreationTemplate(PROD, null, TagMutability.of(IMMUTABLE_WITH_EXCLUSION, List.of("latest")),
                        Set.of(REPLICATION, CREATE_ON_PUSH), null))
                .expectEvents(new CreationTemplateUpdated("prod", "immutable releases", IMMUTABLE_WITH_EXCLUSION, List.of("latest"),
                        List.of(REPLICATION, CREATE_ON_PUSH), null));
    }

    @Test
    void aDeletedTemplateIsNotFoundAndItsPrefixMayHaveOneAgain() {
        fixture.given(CREATED, new CreationTemplateDeleted("prod"))
                .when(new DeleteCreationTemplate(PROD))
                .expectException(refusedBy(Refusal.TEMPLATE_NOT_FOUND));
        new AggregateTestFixture<>(CreationTemplate.class).given(CREATED, new CreationTemplateDeleted("prod"))
                .when(new CreateCreationTemplate(PROD, "immutable releases", TagMutability.of(IMMUTABLE, List.of()), Set.of(CREATE_ON_PUSH), null))
                .expectEvents(CREATED);
    }

    @Test
    void aTemplatesTrustPolicyIsReadWholeKeptThroughUpdatesAndEndedByOff() {
        TrustPolicy audit = new TrustPolicy(TrustMode.AUDIT, List.of("v*"), List.of(), List.of());
        fixture.given(CREATED)
                .when(new UpdateCreationTemplate(PROD, null, null, null, audit))
                .expectEvents(new CreationTemplateUpdated("prod", "immutable releases", IMMUTABLE, List.of(), List.of(CREATE_ON_PUSH), audit));
        CreationTemplateUpdated withPolicy = new CreationTemplateUpdated("prod", "immutable releases", IMMUTABLE, List.of(),
                List.of(CREATE_ON_PUSH), audit);
        new AggregateTestFixture<>(CreationTemplate.class).given(CREATED, withPolicy)
                .when(new UpdateCreationTemplate(PROD, "kept", null, null, null))
                .expectEvents(new CreationTemplateUpdated("prod", "kept", IMMUTABLE, List.of(), List.of(CREATE_ON_PUSH), audit));
        new AggregateTestFixture<>(CreationTemplate.class).given(CREATED, withPolicy)
                .when(new UpdateCreationTemplate(PROD, null, null, null, TrustPolicy.OFF))
                .expectEvents(new CreationTemplateUpdated("prod", "immutable releases", IMMUTABLE, List.of(), List.of(CREATE_ON_PUSH), null));
        new AggregateTestFixture<>(CreationTemplate.class).given(CREATED)
                .when(new UpdateCreationTemplate(PROD, null, null, null, new TrustPolicy(TrustMode.ENFORCE, List.of("v*"), List.of(), List.of())))
                .expectException(refusedBy(Refusal.INVALID_PARAMETER));
    }
}
