package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.api.security.Action;
import io.tagledger.api.transparency.MonitorRun;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every operation of every API needs exactly its action, on the REST API and through the AWS SDK: a
 * principal granted that one action may perform it, and a principal granted every action but that one
 * is denied it. The second catches an operation that checks another action, or none, as surely as
 * trying every other action alone would, with two calls an operation rather than one an action.
 */
class PermissionMatrixTest extends ApiTest {

    private static final Action[] ACTIONS = Action.values();

    @DynamicPropertySource
    static void onePrincipalPerAction(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
        int key = 0;
        for (Action action : ACTIONS) {
            String others = String.join(",", Stream.of(ACTIONS).filter(other -> other != action).map(Action::iamName).toList());
            for (boolean only : new boolean[] {true, false}) {
                String id = keyOf(action, only);
                registry.add("tagledger.security.access-keys[" + key + "].id", () -> id);
                registry.add("tagledger.security.access-keys[" + key + "].secret", () -> "secret-" + id);
                registry.add("tagledger.security.grants[" + key + "].principals", () -> id);
                registry.add("tagledger.security.grants[" + key + "].actions", only ? action::iamName : () -> others);
                key++;
            }
        }
        int setup = key;
        registry.add("tagledger.security.access-keys[" + setup + "].id", () -> "AKIDSETUP");
        registry.add("tagledger.security.access-keys[" + setup + "].secret", () -> "setup-secret");
        registry.add("tagledger.security.grants[" + setup + "].principals", () -> "AKIDSETUP");
        registry.add("tagledger.security.grants[" + setup + "].actions", () -> "*");
    }

    /** The key of the principal granted only this action, or every action but this one. */
    private static String keyOf(Action action, boolean only) {
        return "AKID" + (only ? "ONLY" : "NOT") + action.name().replace("_", "");
    }

    /** A fresh repository with one image tagged {@code v1}, made by a principal that may do everything. */
    private record Fixture(String name, String digest) {
    }

    private Fixture fixture() {
        String name = "matrix/" + newRepositoryName().replace('/', '-');
        assertThat(call(basic("AKIDSETUP", "setup-secret"), "POST", "/repositories", "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
        Response pushed = call(basic("AKIDSETUP", "setup-secret"), "PUT", "/repositories/" + name + "/-/manifests/v1", manifest(name));
        assertThat(pushed.status()).isEqualTo(201);
        return new Fixture(name, pushed.header("Docker-Content-Digest"));
    }

    private Response call(String authorization, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            // A manifest too: its own mediaType says what it is when the content type is only JSON.
            request.header("Content-Type", "application/json");
        }
        return exchange(request.build());
    }

    private Map<String, Operation> restOperations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("POST /repositories", new Operation(Action.CREATE_REPOSITORY,
                (auth, f) -> call(auth, "POST", "/repositories", "{\"name\":\"" + f.name() + "-new\"}").status()));
        operations.put("DELETE /repositories/{name}", new Operation(Action.DELETE_REPOSITORY,
                (auth, f) -> call(auth, "DELETE", "/repositories/" + f.name() + "?force=true", null).status()));
        operations.put("PUT tag-mutability", new Operation(Action.PUT_IMAGE_TAG_MUTABILITY,
                (auth, f) -> call(auth, "PUT", "/repositories/" + f.name() + "/-/tag-mutability", "{\"imageTagMutability\":\"IMMUTABLE\"}").status()));
        operations.put("PUT manifests", new Operation(Action.PUT_IMAGE,
                (auth, f) -> call(auth, "PUT", "/repositories/" + f.name() + "/-/manifests/v2", manifest(f.name() + "v2")).status()));
        operations.put("DELETE tags/{tag}", new Operation(Action.BATCH_DELETE_IMAGE,
                (auth, f) -> call(auth, "DELETE", "/repositories/" + f.name() + "/-/tags/v1", null).status()));
        operations.put("DELETE images/{digest}", new Operation(Action.BATCH_DELETE_IMAGE,
                (auth, f) -> call(auth, "DELETE", "/repositories/" + f.name() + "/-/images/" + f.digest(), null).status()));
        operations.put("GET manifests", new Operation(Action.BATCH_GET_IMAGE,
                (auth, f) -> call(auth, "GET", "/repositories/" + f.name() + "/-/manifests/v1", null).status()));
        operations.put("GET images", new Operation(Action.DESCRIBE_IMAGES,
                (auth, f) -> call(auth, "GET", "/repositories/" + f.name() + "/-/images", null).status()));
        operations.put("GET tags", new Operation(Action.LIST_IMAGES,
                (auth, f) -> call(auth, "GET", "/repositories/" + f.name() + "/-/tags", null).status()));
        operations.put("GET tags/{tag}", new Operation(Action.LIST_IMAGES,
                (auth, f) -> call(auth, "GET", "/repositories/" + f.name() + "/-/tags/v1", null).status()));
        operations.put("GET /repositories/{name}", new Operation(Action.DESCRIBE_REPOSITORIES,
                (auth, f) -> call(auth, "GET", "/repositories/" + f.name(), null).status()));
        operations.put("GET /repositories", new Operation(Action.DESCRIBE_REPOSITORIES,
                (auth, f) -> call(auth, "GET", "/repositories", null).status()));
        operations.put("GET events", new Operation(Action.READ_AUDIT,
                (auth, f) -> call(auth, "GET", "/repositories/" + f.name() + "/-/events", null).status()));
        operations.put("GET tag history", new Operation(Action.READ_AUDIT,
                (auth, f) -> call(auth, "GET", "/repositories/" + f.name() + "/-/tags/v1/history", null).status()));
        operations.put("GET /audit", new Operation(Action.READ_AUDIT,
                (auth, f) -> call(auth, "GET", "/audit", null).status()));
        operations.put("GET audit/verify", new Operation(Action.VERIFY_CHAIN,
                (auth, f) -> call(auth, "GET", "/repositories/" + f.name() + "/-/audit/verify", null).status()));
        operations.put("POST tags/{tag}/release", new Operation(Action.RELEASE_TAG,
                (auth, f) -> call(auth, "POST", "/repositories/" + f.name() + "/-/tags/v1/release",
                        "{\"reason\":\"matrix\",\"validFor\":\"PT1M\"}").status()));
        operations.put("POST /creation-templates", new Operation(Action.CREATE_REPOSITORY_CREATION_TEMPLATE,
                (auth, f) -> call(auth, "POST", "/creation-templates", templateOf(f)).status()));
        operations.put("GET /creation-templates", new Operation(Action.DESCRIBE_REPOSITORY_CREATION_TEMPLATES,
                (auth, f) -> call(auth, "GET", "/creation-templates", null).status()));
        operations.put("PATCH /creation-templates/{prefix}", new Operation(Action.UPDATE_REPOSITORY_CREATION_TEMPLATE,
                (auth, f) -> call(auth, "PATCH", "/creation-templates/" + f.name(), "{\"description\":\"changed\"}").status()));
        operations.put("DELETE /creation-templates/{prefix}", new Operation(Action.DELETE_REPOSITORY_CREATION_TEMPLATE,
                (auth, f) -> call(auth, "DELETE", "/creation-templates/" + f.name(), null).status()));
        operations.put("GET /log/checkpoint", new Operation(Action.READ_LOG,
                (auth, f) -> call(auth, "GET", "/log/checkpoint", null).status()));
        operations.put("GET /log/proof/consistency", new Operation(Action.READ_LOG,
                (auth, f) -> call(auth, "GET", "/log/proof/consistency?from=1&to=1", null).status()));
        operations.put("GET /log/proof/tag", new Operation(Action.READ_LOG,
                (auth, f) -> call(auth, "GET", "/log/proof/tag?repositoryName=" + f.name() + "&imageTag=v1", null).status()));
        operations.put("PUT trust-policy", new Operation(Action.PUT_TRUST_POLICY,
                (auth, f) -> call(auth, "PUT", "/repositories/" + f.name() + "/-/trust-policy", "{\"mode\":\"AUDIT\",\"tags\":[\"v*\"]}").status()));
        operations.put("GET trust-policy", new Operation(Action.GET_TRUST_POLICY,
                (auth, f) -> call(auth, "GET", "/repositories/" + f.name() + "/-/trust-policy", null).status()));
        String policy = "/-/lifecycle-policy";
        operations.put("PUT lifecycle-policy", new Operation(Action.PUT_LIFECYCLE_POLICY,
                (auth, f) -> call(auth, "PUT", "/repositories/" + f.name() + policy, LifecyclePolicyTest.POLICY).status()));
        operations.put("GET lifecycle-policy", new Operation(Action.GET_LIFECYCLE_POLICY,
                (auth, f) -> call(auth, "GET", "/repositories/" + f.name() + policy, null).status()));
        operations.put("DELETE lifecycle-policy", new Operation(Action.DELETE_LIFECYCLE_POLICY,
                (auth, f) -> call(auth, "DELETE", "/repositories/" + f.name() + policy, null).status()));
        operations.put("POST lifecycle-policy/preview", new Operation(Action.START_LIFECYCLE_POLICY_PREVIEW,
                (auth, f) -> call(auth, "POST", "/repositories/" + f.name() + policy + "/preview", "{}").status()));
        operations.put("POST lifecycle-policy/apply", new Operation(Action.APPLY_LIFECYCLE_POLICY,
                (auth, f) -> call(auth, "POST", "/repositories/" + f.name() + policy + "/apply", null).status()));
        operations.put("POST /admin/lifecycle/run", new Operation(Action.APPLY_LIFECYCLE_POLICY,
                (auth, f) -> call(auth, "POST", "/admin/lifecycle/run", null).status()));
        operations.put("GET /admin/projections", new Operation(Action.REPLAY,
                (auth, f) -> call(auth, "GET", "/admin/projections", null).status()));
        return operations;
    }

    private record Operation(Action needs, BiFunction<String, Fixture, Integer> status) {
    }

    /** A template for the names under the fixture's, which pushes to no other fixture match. */
    private static String templateOf(Fixture fixture) {
        return "{\"prefix\":\"" + fixture.name() + "\",\"appliedFor\":[\"CREATE_ON_PUSH\"]}";
    }

    private void setPolicy(Fixture fixture) {
        assertThat(call(basic("AKIDSETUP", "setup-secret"), "PUT", "/repositories/" + fixture.name() + "/-/lifecycle-policy",
                LifecyclePolicyTest.POLICY).status()).isEqualTo(200);
    }

    private void createTemplate(Fixture fixture) {
        assertThat(call(basic("AKIDSETUP", "setup-secret"), "POST", "/creation-templates", templateOf(fixture)).status()).isEqualTo(201);
    }

    @Test
    void everyRestOperationNeedsExactlyItsAction() {
        List<String> wrong = new ArrayList<>();
        restOperations().forEach((operation, needs) -> {
            for (boolean only : new boolean[] {true, false}) {
                String key = keyOf(needs.needs(), only);
                int status = needs.status().apply(basic(key, "secret-" + key), fixture());
                if (only ? status == 403 || status == 401 : status != 403) {
                    wrong.add(key + " -> " + operation + ": " + status);
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    private interface EcrCall {
        void run(EcrClient ecr, Fixture fixture);
    }

    @Test
    void everyActionIsTriedByAnOperationOfOneApiOrTheOther() {
        Set<Action> tried = EnumSet.noneOf(Action.class);
        restOperations().values().forEach(operation -> tried.add(operation.needs()));
        ecrOperations().values().forEach(operation -> tried.add(operation.getKey()));
        assertThat(EnumSet.complementOf(EnumSet.copyOf(tried))).as("actions no operation of the matrix needs").isEmpty();
    }

    @Test
    void theMonitorReadsALogThatIsNotPublicWithAnAccessKeyAllowedToReadIt() {
        fixture();
        String log = "http://localhost:" + port + "/log";
        String key = call(basic("AKIDSETUP", "setup-secret"), "GET", "/log/verifier-key", null).text().strip();
        String readLog = keyOf(Action.READ_LOG, true);
        MonitorRun allowed = MonitorRun.of(Map.of("TAGLEDGER_LOG_CREDENTIALS", readLog + ":secret-" + readLog), "--log", log, "--key", key);
        assertThat(allowed.exitCode()).as(allowed.output()).isZero();

        MonitorRun anonymous = MonitorRun.of("--log", log, "--key", key);
        assertThat(anonymous.exitCode()).isEqualTo(2);
        assertThat(anonymous.output()).contains("UNCHECKED: GET " + log + "/checkpoint answered 401");
    }

    @Test
    void everyEcrOperationNeedsExactlyItsAction() {
        List<String> wrong = new ArrayList<>();
        ecrOperations().forEach((operation, needs) -> {
            for (boolean only : new boolean[] {true, false}) {
                String key = keyOf(needs.getKey(), only);
                String outcome;
                try (EcrClient ecr = EcrApiTest.ecrClient(port, key, "secret-" + key)) {
                    needs.getValue().run(ecr, fixture());
                    outcome = "allowed";
                } catch (EcrException e) {
                    outcome = e.awsErrorDetails().errorCode();
                }
                if (!outcome.equals(only ? "allowed" : "AccessDeniedException")) {
                    wrong.add(key + " -> " + operation + ": " + outcome);
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    private Map<String, Map.Entry<Action, EcrCall>> ecrOperations() {
        Map<String, Map.Entry<Action, EcrCall>> operations = new LinkedHashMap<>();
        operations.put("CreateRepository", Map.entry(Action.CREATE_REPOSITORY, (ecr, f) -> ecr.createRepository(r -> r.repositoryName(f.name() + "-ecr"))));
        operations.put("DescribeRepositories", Map.entry(Action.DESCRIBE_REPOSITORIES, (ecr, f) -> ecr.describeRepositories(r -> r.repositoryNames(f.name()))));
        operations.put("DeleteRepository", Map.entry(Action.DELETE_REPOSITORY, (ecr, f) -> ecr.deleteRepository(r -> r.repositoryName(f.name()).force(true))));
        operations.put("PutImageTagMutability", Map.entry(Action.PUT_IMAGE_TAG_MUTABILITY,
                (ecr, f) -> ecr.putImageTagMutability(r -> r.repositoryName(f.name()).imageTagMutability("IMMUTABLE"))));
        operations.put("PutImage", Map.entry(Action.PUT_IMAGE, (ecr, f) -> ecr.putImage(r -> r.repositoryName(f.name()).imageTag("v2")
                .imageManifest(manifest(f.name() + "v2")))));
        operations.put("BatchGetImage", Map.entry(Action.BATCH_GET_IMAGE, (ecr, f) -> ecr.batchGetImage(r -> r.repositoryName(f.name())
                .imageIds(ImageIdentifier.builder().imageTag("v1").build()))));
        operations.put("BatchDeleteImage", Map.entry(Action.BATCH_DELETE_IMAGE, (ecr, f) -> ecr.batchDeleteImage(r -> r.repositoryName(f.name())
                .imageIds(ImageIdentifier.builder().imageTag("v1").build()))));
        operations.put("DescribeImages", Map.entry(Action.DESCRIBE_IMAGES, (ecr, f) -> ecr.describeImages(r -> r.repositoryName(f.name()))));
        operations.put("ListImages", Map.entry(Action.LIST_IMAGES, (ecr, f) -> ecr.listImages(r -> r.repositoryName(f.name()))));
        operations.put("CreateRepositoryCreationTemplate", Map.entry(Action.CREATE_REPOSITORY_CREATION_TEMPLATE,
                (ecr, f) -> ecr.createRepositoryCreationTemplate(r -> r.prefix(f.name()).appliedForWithStrings("CREATE_ON_PUSH"))));
        operations.put("DescribeRepositoryCreationTemplates", Map.entry(Action.DESCRIBE_REPOSITORY_CREATION_TEMPLATES,
                (ecr, f) -> ecr.describeRepositoryCreationTemplates(r -> r.prefixes(f.name()))));
        operations.put("UpdateRepositoryCreationTemplate", Map.entry(Action.UPDATE_REPOSITORY_CREATION_TEMPLATE, (ecr, f) -> {
            createTemplate(f);
            ecr.updateRepositoryCreationTemplate(r -> r.prefix(f.name()).description("changed"));
        }));
        operations.put("DeleteRepositoryCreationTemplate", Map.entry(Action.DELETE_REPOSITORY_CREATION_TEMPLATE, (ecr, f) -> {
            createTemplate(f);
            ecr.deleteRepositoryCreationTemplate(r -> r.prefix(f.name()));
        }));
        operations.put("PutLifecyclePolicy", Map.entry(Action.PUT_LIFECYCLE_POLICY,
                (ecr, f) -> ecr.putLifecyclePolicy(r -> r.repositoryName(f.name()).lifecyclePolicyText(LifecyclePolicyTest.POLICY))));
        operations.put("GetLifecyclePolicy", Map.entry(Action.GET_LIFECYCLE_POLICY, (ecr, f) -> {
            setPolicy(f);
            ecr.getLifecyclePolicy(r -> r.repositoryName(f.name()));
        }));
        operations.put("DeleteLifecyclePolicy", Map.entry(Action.DELETE_LIFECYCLE_POLICY, (ecr, f) -> {
            setPolicy(f);
            ecr.deleteLifecyclePolicy(r -> r.repositoryName(f.name()));
        }));
        operations.put("StartLifecyclePolicyPreview", Map.entry(Action.START_LIFECYCLE_POLICY_PREVIEW,
                (ecr, f) -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName(f.name()).lifecyclePolicyText(LifecyclePolicyTest.POLICY))));
        operations.put("GetLifecyclePolicyPreview", Map.entry(Action.GET_LIFECYCLE_POLICY_PREVIEW, (ecr, f) -> {
            try (EcrClient setup = EcrApiTest.ecrClient(port, "AKIDSETUP", "setup-secret")) {
                setup.startLifecyclePolicyPreview(r -> r.repositoryName(f.name()).lifecyclePolicyText(LifecyclePolicyTest.POLICY));
            }
            ecr.getLifecyclePolicyPreview(r -> r.repositoryName(f.name()));
        }));
        String pullPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}";
        operations.put("SetRepositoryPolicy", Map.entry(Action.SET_REPOSITORY_POLICY,
                (ecr, f) -> ecr.setRepositoryPolicy(r -> r.repositoryName(f.name()).policyText(pullPolicy))));
        operations.put("GetRepositoryPolicy", Map.entry(Action.GET_REPOSITORY_POLICY, (ecr, f) -> {
            try (EcrClient setup = EcrApiTest.ecrClient(port, "AKIDSETUP", "setup-secret")) {
                setup.setRepositoryPolicy(r -> r.repositoryName(f.name()).policyText(pullPolicy));
            }
            ecr.getRepositoryPolicy(r -> r.repositoryName(f.name()));
        }));
        operations.put("DeleteRepositoryPolicy", Map.entry(Action.DELETE_REPOSITORY_POLICY, (ecr, f) -> {
            try (EcrClient setup = EcrApiTest.ecrClient(port, "AKIDSETUP", "setup-secret")) {
                setup.setRepositoryPolicy(r -> r.repositoryName(f.name()).policyText(pullPolicy));
            }
            ecr.deleteRepositoryPolicy(r -> r.repositoryName(f.name()));
        }));
        String arn = "arn:aws:ecr:us-east-1:000000000000:repository/";
        operations.put("TagResource", Map.entry(Action.TAG_RESOURCE,
                (ecr, f) -> ecr.tagResource(r -> r.resourceArn(arn + f.name()).tags(t -> t.key("team").value("matrix")))));
        operations.put("UntagResource", Map.entry(Action.UNTAG_RESOURCE,
                (ecr, f) -> ecr.untagResource(r -> r.resourceArn(arn + f.name()).tagKeys("team"))));
        operations.put("ListTagsForResource", Map.entry(Action.LIST_TAGS_FOR_RESOURCE,
                (ecr, f) -> ecr.listTagsForResource(r -> r.resourceArn(arn + f.name()))));
        operations.put("PutImageScanningConfiguration", Map.entry(Action.PUT_IMAGE_SCANNING_CONFIGURATION,
                (ecr, f) -> ecr.putImageScanningConfiguration(r -> r.repositoryName(f.name()).imageScanningConfiguration(c -> c.scanOnPush(true)))));
        operations.put("DescribeRegistry", Map.entry(Action.DESCRIBE_REGISTRY, (ecr, f) -> ecr.describeRegistry(r -> { })));
        return operations;
    }

    @Test
    void aRepositoryPolicyAllowsBesideTheGrantsItsDenyWinsAndNobodyLocksItByMistake() {
        Fixture fixture = fixture();
        String setup = basic("AKIDSETUP", "setup-secret");
        String reader = keyOf(Action.DESCRIBE_IMAGES, true);
        String manifest = "/repositories/" + fixture.name() + "/-/manifests/v1";
        assertThat(call(basic(reader, "secret-" + reader), "GET", manifest, null).status()).isEqualTo(403);
        try (EcrClient ecr = EcrApiTest.ecrClient(port, "AKIDSETUP", "setup-secret")) {
            ecr.setRepositoryPolicy(r -> r.repositoryName(fixture.name()).policyText("{\"Statement\":{\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/" + reader + "\"},\"Action\":\"ecr:BatchGetImage\"}}"));
            assertThat(call(basic(reader, "secret-" + reader), "GET", manifest, null).status()).isEqualTo(200);

            String denyPush = "{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:PutImage\"}]}";
            ecr.setRepositoryPolicy(r -> r.repositoryName(fixture.name()).policyText(denyPush));
            assertThat(ecr.getRepositoryPolicy(r -> r.repositoryName(fixture.name())).policyText()).isEqualTo(denyPush);
            Response denied = call(setup, "PUT", "/repositories/" + fixture.name() + "/-/manifests/v2", manifest(fixture.name() + "v2"));
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.json().get("detail").asText()).contains("ecr:PutImage", "with an explicit deny in a resource-based policy");
            assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(fixture.name()).imageTag("v2").imageManifest(manifest(fixture.name() + "v2"))))
                    .isInstanceOfSatisfying(EcrException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
            assertThat(call(basic(reader, "secret-" + reader), "GET", manifest, null).status()).as("the first policy is gone").isEqualTo(403);

            long stored = storedEvents();
            String lockout = "{\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:SetRepositoryPolicy\"}}";
            assertThatThrownBy(() -> ecr.setRepositoryPolicy(r -> r.repositoryName(fixture.name()).policyText(lockout)))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("set it with force");
            assertThatThrownBy(() -> ecr.setRepositoryPolicy(r -> r.repositoryName(fixture.name())
                    .policyText(denyPush.replace("]}", ",\"Condition\":{}]}"))))
                    .isInstanceOf(InvalidParameterException.class);
            assertThat(storedEvents()).isEqualTo(stored);
            ecr.setRepositoryPolicy(r -> r.repositoryName(fixture.name()).policyText(lockout).force(true));
            assertThatThrownBy(() -> ecr.setRepositoryPolicy(r -> r.repositoryName(fixture.name()).policyText(denyPush)))
                    .isInstanceOfSatisfying(EcrException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));

            assertThat(ecr.deleteRepositoryPolicy(r -> r.repositoryName(fixture.name())).policyText()).isEqualTo(lockout);
            assertThatThrownBy(() -> ecr.getRepositoryPolicy(r -> r.repositoryName(fixture.name())))
                    .isInstanceOf(RepositoryPolicyNotFoundException.class);
            assertThat(call(setup, "PUT", "/repositories/" + fixture.name() + "/-/manifests/v2", manifest(fixture.name() + "v2")).status())
                    .isEqualTo(201);
        }
        JsonNode denials = call(setup, "GET", "/audit?repository=" + fixture.name() + "&outcome=refused", null).json().get("items");
        assertThat(denials).extracting(entry -> entry.get("errorCode").asText()).contains("AccessDeniedException");
    }
}
