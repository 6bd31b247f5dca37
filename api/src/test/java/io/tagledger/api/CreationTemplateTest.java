package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryCreationTemplateResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilterType;
import software.amazon.awssdk.services.ecr.model.RCTAppliedFor;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Repository creation templates through the real AWS SDK and the REST API, and pushes to new names that
 * they create repositories for. Templates belong to the registry: each test uses prefixes of its own,
 * and ROOT only for the span of one test.
 */
class CreationTemplateTest extends ApiTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private EcrClient ecr;

    @BeforeEach
    void connect() {
        ecr = EcrApiTest.ecrClient(port, EcrApiTest.ACCESS_KEY_ID, "any-secret");
    }

    @AfterEach
    void disconnect() {
        ecr.close();
    }

    private static String newPrefix() {
        return "tpl" + PREFIXES.incrementAndGet();
    }

    private static String errorCode(Throwable e) {
        return ((EcrException) e).awsErrorDetails().errorCode();
    }

    private void createTemplate(String prefix, ImageTagMutability mutability, String... filters) {
        ecr.createRepositoryCreationTemplate(r -> r.prefix(prefix).imageTagMutability(mutability)
                .imageTagMutabilityExclusionFilters(filters.length == 0 ? null : List.of(filters).stream()
                        .map(filter -> ImageTagMutabilityExclusionFilter.builder()
                                .filterType(ImageTagMutabilityExclusionFilterType.WILDCARD).filter(filter).build()).toList())
                .appliedFor(RCTAppliedFor.CREATE_ON_PUSH));
    }

    private JsonNode repositoryCreated(String name) {
        JsonNode events = get("/repositories/" + name + "/-/events").json().get("items");
        assertThat(events).isNotEmpty();
        return events.get(0);
    }

    @Test
    void templatesHaveEcrsOperationsShapesAndErrors() {
        String prefix = newPrefix();

        CreateRepositoryCreationTemplateResponse created = ecr.createRepositoryCreationTemplate(r -> r.prefix(prefix + "/")
                .description("releases").imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(ImageTagMutabilityExclusionFilter.builder()
                        .filterType(ImageTagMutabilityExclusionFilterType.WILDCARD).filter("latest").build())
                .appliedFor(RCTAppliedFor.CREATE_ON_PUSH));

        RepositoryCreationTemplate template = created.repositoryCreationTemplate();
        assertThat(created.registryId()).matches("[0-9]{12}");
        assertThat(template.prefix()).isEqualTo(prefix);
        assertThat(template.description()).isEqualTo("releases");
        assertThat(template.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION);
        assertThat(template.imageTagMutabilityExclusionFilters()).extracting(ImageTagMutabilityExclusionFilter::filter).containsExactly("latest");
        assertThat(template.appliedFor()).containsExactly(RCTAppliedFor.CREATE_ON_PUSH);
        assertThat(template.createdAt()).isNotNull();
        assertThatThrownBy(() -> createTemplate(prefix, ImageTagMutability.MUTABLE))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("TemplateAlreadyExistsException"));

        RepositoryCreationTemplate updated = ecr.updateRepositoryCreationTemplate(r -> r.prefix(prefix)
                .imageTagMutability(ImageTagMutability.IMMUTABLE)).repositoryCreationTemplate();
        assertThat(updated.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(updated.description()).isEqualTo("releases");
        assertThat(ecr.describeRepositoryCreationTemplates(r -> r.prefixes(prefix, prefix + "/none")).repositoryCreationTemplates())
                .extracting(RepositoryCreationTemplate::prefix).containsExactly(prefix);

        assertThat(ecr.deleteRepositoryCreationTemplate(r -> r.prefix(prefix)).repositoryCreationTemplate().prefix()).isEqualTo(prefix);
        assertThatThrownBy(() -> ecr.deleteRepositoryCreationTemplate(r -> r.prefix(prefix)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("TemplateNotFoundException"));
        assertThatThrownBy(() -> ecr.updateRepositoryCreationTemplate(r -> r.prefix(prefix).description("x")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("TemplateNotFoundException"));
    }

    @Test
    void aTemplateThatCannotBeKeptAsGivenIsRefusedAndNothingIsWritten() {
        String prefix = newPrefix();
        long before = storedEvents();

        assertThatThrownBy(() -> ecr.createRepositoryCreationTemplate(r -> r.prefix(prefix).appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
                .lifecyclePolicy("{\"rules\":[]}"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterException"));
        assertThatThrownBy(() -> ecr.createRepositoryCreationTemplate(r -> r.prefix("Upper/Case").appliedFor(RCTAppliedFor.CREATE_ON_PUSH)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterException"));
        assertThatThrownBy(() -> ecr.createRepositoryCreationTemplate(r -> r.prefix(prefix)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterException"));
        assertThatThrownBy(() -> ecr.createRepositoryCreationTemplate(r -> r.prefix(prefix).appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
                .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterException"));

        assertThat(storedEvents()).isEqualTo(before);
        assertThat(ecr.describeRepositoryCreationTemplates(r -> r.prefixes(prefix)).repositoryCreationTemplates()).isEmpty();
    }

    @Test
    void aPushToANewNameCreatesItFromTheLongestMatchingPrefixAndTheTrailNamesTheTemplate() {
        String prefix = newPrefix();
        createTemplate(prefix, ImageTagMutability.MUTABLE);
        createTemplate(prefix + "/team", ImageTagMutability.IMMUTABLE);

        ecr.putImage(r -> r.repositoryName(prefix + "/team/app").imageTag("v1").imageManifest(manifest(prefix + "a")));
        assertThat(push(prefix + "/other", "v1", manifest(prefix + "b")).status()).isEqualTo(201);

        assertThat(get("/repositories/" + prefix + "/team/app").json().get("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
        assertThat(get("/repositories/" + prefix + "/other").json().get("imageTagMutability").asText()).isEqualTo("MUTABLE");
        JsonNode created = repositoryCreated(prefix + "/team/app");
        assertThat(created.get("type").asText()).isEqualTo("RepositoryCreated");
        assertThat(created.at("/payload/creationTemplate").asText()).isEqualTo(prefix + "/team");
        JsonNode trail = get("/audit?repository=" + prefix + "/team/app&type=RepositoryCreated").json().get("items");
        assertThat(trail).hasSize(1);
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(prefix + "/team/app").imageTag("v1")
                .imageManifest(manifest(prefix + "c")))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("ImageTagAlreadyExistsException"));
    }

    @Test
    void withNoTemplateForPushesThePushIsNotFoundAndNothingIsCreated() {
        String prefix = newPrefix();
        ecr.createRepositoryCreationTemplate(r -> r.prefix(prefix).appliedFor(RCTAppliedFor.REPLICATION));

        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(prefix + "/app").imageTag("v1").imageManifest(manifest(prefix))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("RepositoryNotFoundException"));
        Response oci = send("POST", "/v2/" + prefix + "/app/blobs/uploads/", null, null);
        assertThat(oci.status()).isEqualTo(404);
        assertThat(oci.json().at("/errors/0/code").asText()).isEqualTo("NAME_UNKNOWN");
        assertThat(get("/repositories/" + prefix + "/app").status()).isEqualTo(404);
    }

    @Test
    void rootMatchesEveryNameThatNoOtherTemplateMatches() {
        String prefix = newPrefix();
        createTemplate(prefix, ImageTagMutability.IMMUTABLE);
        createTemplate("ROOT", ImageTagMutability.MUTABLE_WITH_EXCLUSION, "release-*");
        try {
            Response upload = send("POST", "/v2/" + prefix + "-elsewhere/blobs/uploads/", null, null);
            assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
            assertThat(push(prefix + "/app", "v1", manifest(prefix)).status()).isEqualTo(201);

            JsonNode root = get("/repositories/" + prefix + "-elsewhere").json();
            assertThat(root.get("imageTagMutability").asText()).isEqualTo("MUTABLE_WITH_EXCLUSION");
            assertThat(root.get("exclusionFilters")).extracting(JsonNode::asText).containsExactly("release-*");
            assertThat(repositoryCreated(prefix + "-elsewhere").at("/payload/creationTemplate").asText()).isEqualTo("ROOT");
            assertThat(get("/repositories/" + prefix + "/app").json().get("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
        } finally {
            ecr.deleteRepositoryCreationTemplate(r -> r.prefix("ROOT"));
        }
    }

    @Test
    void twentyConcurrentFirstPushesToOneNewNameMakeOneRepositoryAndOneWinnerOfTheImmutableTag() throws Exception {
        String prefix = newPrefix();
        createTemplate(prefix, ImageTagMutability.IMMUTABLE);
        String name = prefix + "/raced";

        List<Integer> statuses = Race.of(20, racer -> racer % 2 == 0
                ? push(name, "v1", manifest(name + racer)).status()
                : ecrStatus(() -> ecr.putImage(r -> r.repositoryName(name).imageTag("v1").imageManifest(manifest(name + racer)))));

        assertThat(statuses).filteredOn(status -> status == 201 || status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409 || status == 400).hasSize(19);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? and payload_type like ?",
                Long.class, name, "%RepositoryCreated")).isEqualTo(1);
        assertThat(get("/repositories/" + name + "/-/tags").json().get("items")).hasSize(1);
        LedgerCheck check = ledgerCheck();
        check.assertViewsMatchEventStream(name);
        check.assertAuditTrailMatchesEventStore(name);
        assertThat(get("/audit?repository=" + name + "&outcome=refused").json().get("items")).hasSize(19);
    }

    private static int ecrStatus(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (EcrException e) {
            return e.awsErrorDetails().errorCode().equals("ImageTagAlreadyExistsException") ? 400 : e.statusCode() + 1000;
        }
    }

    @Test
    void theRestApiKeepsTemplatesUnderPrefixesWithSlashes() {
        String prefix = newPrefix() + "/team";

        Response created = postJson("/creation-templates", "{\"prefix\":\"" + prefix + "\",\"imageTagMutability\":\"IMMUTABLE\","
                + "\"appliedFor\":[\"CREATE_ON_PUSH\"]}");
        Response again = postJson("/creation-templates", "{\"prefix\":\"" + prefix + "\",\"appliedFor\":[\"CREATE_ON_PUSH\"]}");
        Response patched = send("PATCH", "/creation-templates/" + prefix, "application/json",
                "{\"description\":\"team releases\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Response read = get("/creation-templates/" + prefix);
        Response bad = postJson("/creation-templates", "{\"prefix\":\"" + prefix + "x\",\"appliedFor\":[\"SOMETIMES\"]}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/creation-templates/" + prefix);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("TemplateAlreadyExistsException");
        assertThat(patched.json().get("description").asText()).isEqualTo("team releases");
        assertThat(read.json().get("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(get("/creation-templates").json().get("items")).extracting(item -> item.get("prefix").asText()).contains(prefix);
        assertThat(delete("/creation-templates/" + prefix).status()).isEqualTo(204);
        Response gone = get("/creation-templates/" + prefix);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asText()).isEqualTo("TemplateNotFoundException");
    }
}
