package io.tagledger.query.settings;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.event.EncryptionConfigured;
import io.tagledger.domain.event.ImageScanningSet;
import io.tagledger.domain.event.LifecyclePolicyDeleted;
import io.tagledger.domain.event.LifecyclePolicySet;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.RepositoryPolicyDeleted;
import io.tagledger.domain.event.RepositoryPolicySet;
import io.tagledger.domain.event.ResourceTagsAdded;
import io.tagledger.domain.event.ResourceTagsRemoved;
import io.tagledger.domain.event.TrustPolicySet;
import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustPolicy;
import io.tagledger.query.messages.FindRepositorySettings;
import io.tagledger.query.messages.ListLifecyclePolicies;
import io.tagledger.query.messages.ListRepositoryPolicies;
import io.tagledger.query.messages.RepositorySettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The repositories' settings in a real H2 database: given the events, each repository's policies, tags and settings. */
@JdbcTest
@Import(RepositorySettingsQueries.class)
class RepositorySettingsProjectionTest {

    private static final Instant AT = Instant.parse("2026-12-03T07:00:00Z");

    @Autowired
    private DataSource dataSource;
    @Autowired
    private RepositorySettingsQueries queries;

    private RepositorySettingsProjection projection;

    @BeforeEach
    void keepTheView() {
        projection = new RepositorySettingsProjection(dataSource);
    }

    private static RepositoryCreated created(String name) {
        return new RepositoryCreated(name, TagMutabilityMode.MUTABLE, List.of(), TagProtection.NONE);
    }

    private List<RepositorySettings> settings(String... names) {
        return queries.handle(new FindRepositorySettings(List.of(names))).items();
    }

    @Test
    void aRepositoryHasTheDefaultsUntilItsEventsSayOtherwise() {
        projection.on(created("team/app"), AT);
        assertThat(settings("team/app", "team/none")).containsExactly(
                new RepositorySettings("team/app", null, null, Map.of(), false, "AES256", null, null, TrustPolicy.OFF));

        projection.on(new ResourceTagsAdded("team/app", Map.of("team", "payments", "cost", "42")), AT);
        projection.on(new ResourceTagsAdded("team/app", Map.of("team", "billing")), AT);
        projection.on(new ResourceTagsRemoved("team/app", List.of("cost")), AT);
        projection.on(new ImageScanningSet("team/app", true), AT);
        projection.on(new EncryptionConfigured("team/app", "KMS", "key-1"), AT);
        projection.on(new LifecyclePolicySet("team/app", "{\"rules\":[]}"), AT.plusSeconds(60));
        projection.on(new RepositoryPolicySet("team/app", "{\"Statement\":[]}"), AT);
        projection.on(new TrustPolicySet("team/app", "AUDIT", List.of("v*"), List.of("KEY"), List.of("CERTIFICATE")), AT);
        assertThat(settings("team/app")).containsExactly(new RepositorySettings("team/app", "{\"rules\":[]}", AT.plusSeconds(60),
                Map.of("team", "billing"), true, "KMS", "key-1", "{\"Statement\":[]}",
                new TrustPolicy(TrustMode.AUDIT, List.of("v*"), List.of("KEY"), List.of("CERTIFICATE"))));
        assertThat(queries.handle(new ListLifecyclePolicies(null, 10)).names()).containsExactly("team/app");
        assertThat(queries.handle(new ListRepositoryPolicies()).policies()).containsOnlyKeys("team/app");

        projection.on(new LifecyclePolicyDeleted("team/app", "{\"rules\":[]}"), AT);
        projection.on(new RepositoryPolicyDeleted("team/app", "{\"Statement\":[]}"), AT);
        assertThat(queries.handle(new ListLifecyclePolicies(null, 10)).names()).isEmpty();
        assertThat(queries.handle(new ListRepositoryPolicies()).policies()).isEmpty();
    }

    @Test
    void aDeletedRepositoryKeepsNothingAndIsCreatedAgainWithTheDefaults() {
        projection.on(created("team/web"), AT);
        projection.on(new ResourceTagsAdded("team/web", Map.of("team", "web")), AT);
        projection.on(new LifecyclePolicySet("team/web", "{\"rules\":[]}"), AT);
        projection.on(new TrustPolicySet("team/web", "AUDIT", List.of("v*"), List.of(), List.of()), AT);
        projection.on(new RepositoryDeleted("team/web", true, 0), AT);
        assertThat(settings("team/web")).isEmpty();
        projection.on(created("team/web"), AT);
        assertThat(settings("team/web")).containsExactly(new RepositorySettings("team/web", null, null, Map.of(), false, "AES256", null, null,
                TrustPolicy.OFF));
    }
}
