package io.tagledger.query.templates;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TemplateUse;
import io.tagledger.domain.event.CreationTemplateCreated;
import io.tagledger.domain.event.CreationTemplateDeleted;
import io.tagledger.domain.event.CreationTemplateUpdated;
import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustPolicy;
import io.tagledger.query.messages.CreationTemplatePage;
import io.tagledger.query.messages.CreationTemplateSummary;
import io.tagledger.query.messages.FindCreationTemplateFor;
import io.tagledger.query.messages.ListCreationTemplates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The creation templates' view in a real H2 database: given the events, the templates, and which one a new name gets. */
@JdbcTest
@Import(CreationTemplateQueries.class)
class CreationTemplateProjectionTest {

    private static final TrustPolicy AUDIT = new TrustPolicy(TrustMode.AUDIT, List.of("v*"), List.of(), List.of());

    private static final Instant AT = Instant.parse("2026-12-03T07:00:00Z");

    @Autowired
    private DataSource dataSource;
    @Autowired
    private CreationTemplateQueries queries;

    private CreationTemplateProjection projection;

    @BeforeEach
    void keepTheView() {
        projection = new CreationTemplateProjection(dataSource);
    }

    private static CreationTemplateCreated created(String prefix, TagMutabilityMode mode, TemplateUse... uses) {
        return new CreationTemplateCreated(prefix, null, mode, List.of(), List.of(uses), null);
    }

    private Optional<String> templateFor(String name) {
        return queries.handle(new FindCreationTemplateFor(name)).map(CreationTemplateSummary::prefix);
    }

    @Test
    void aNewNameGetsTheTemplateOfTheLongestMatchingPrefixForPushesElseRoots() {
        projection.on(created("ROOT", TagMutabilityMode.MUTABLE, TemplateUse.CREATE_ON_PUSH), AT);
        projection.on(created("prod", TagMutabilityMode.IMMUTABLE, TemplateUse.CREATE_ON_PUSH), AT);
        projection.on(created("prod/team", TagMutabilityMode.IMMUTABLE, TemplateUse.CREATE_ON_PUSH), AT);
        projection.on(created("mirror", TagMutabilityMode.IMMUTABLE, TemplateUse.PULL_THROUGH_CACHE), AT);

        assertThat(templateFor("prod/team/app")).contains("prod/team");
        assertThat(templateFor("prod/teamwork/app")).contains("prod");
        assertThat(templateFor("prod")).contains("ROOT");
        assertThat(templateFor("production/app")).contains("ROOT");
        assertThat(templateFor("mirror/app")).as("a template for other uses").contains("ROOT");
        projection.on(new CreationTemplateDeleted("ROOT"), AT);
        assertThat(templateFor("mirror/app")).isEmpty();
    }

    @Test
    void anUpdateReplacesTheSettingsAndKeepsWhenTheTemplateWasCreated() {
        projection.on(created("prod", TagMutabilityMode.MUTABLE, TemplateUse.CREATE_ON_PUSH), AT);
        projection.on(new CreationTemplateUpdated("prod", "releases", TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION, List.of("latest", "dev-*"),
                List.of(TemplateUse.REPLICATION, TemplateUse.CREATE_ON_PUSH), AUDIT), AT.plusSeconds(60));

        CreationTemplatePage page = queries.handle(new ListCreationTemplates(List.of(), 10, null));

        assertThat(page.items()).singleElement().isEqualTo(new CreationTemplateSummary("prod", "releases",
                TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION, List.of("latest", "dev-*"),
                List.of(TemplateUse.REPLICATION, TemplateUse.CREATE_ON_PUSH), AUDIT, AT, AT.plusSeconds(60)));
        assertThat(page.nextAfter()).isNull();
    }

    @Test
    void templatesAreListedByPrefixAPageAtATime() {
        for (String prefix : List.of("c", "a", "b")) {
            projection.on(created(prefix, TagMutabilityMode.MUTABLE, TemplateUse.CREATE_ON_PUSH), AT);
        }

        CreationTemplatePage first = queries.handle(new ListCreationTemplates(List.of(), 2, null));
        CreationTemplatePage second = queries.handle(new ListCreationTemplates(List.of(), 2, first.nextAfter()));

        assertThat(first.items()).extracting(CreationTemplateSummary::prefix).containsExactly("a", "b");
        assertThat(second.items()).extracting(CreationTemplateSummary::prefix).containsExactly("c");
        assertThat(second.nextAfter()).isNull();
        assertThat(queries.handle(new ListCreationTemplates(List.of("b", "z"), 10, null)).items())
                .extracting(CreationTemplateSummary::prefix).containsExactly("b");
    }
}
