package io.tagledger.api;

import io.tagledger.api.security.Action;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of every API needs exactly its action: a principal granted one action may perform
 * the operations that need it, and is denied every other, on the REST API and through the AWS SDK.
 */
class PermissionMatrixTest extends ApiTest {

    private static final Action[] ACTIONS = Action.values();

    @DynamicPropertySource
    static void onePrincipalPerAction(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
        for (int i = 0; i < ACTIONS.length; i++) {
            Action action = ACTIONS[i];
            registry.add("tagledger.security.access-keys[" + i + "].id", () -> keyOf(action));
            registry.add("tagledger.security.access-keys[" + i + "].secret", () -> "secret-" + action.name());
            registry.add("tagledger.security.grants[" + i + "].principals", () -> keyOf(action));
            registry.add("tagledger.security.grants[" + i + "].actions", action::iamName);
        }
        registry.add("tagledger.security.access-keys[" + ACTIONS.length + "].id", () -> "AKIDSETUP");
        registry.add("tagledger.security.access-keys[" + ACTIONS.length + "].secret", () -> "setup-secret");
        registry.add("tagledger.security.grants[" + ACTIONS.length + "].principals", () -> "AKIDSETUP");
        registry.add("tagledger.security.grants[" + ACTIONS.length + "].actions", () -> "*");
    }

    private static String keyOf(Action action) {
        return "AKID" + action.name().replace("_", "");
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
        // The denied calls share a fixture: its template may be there already.
        assertThat(call(basic("AKIDSETUP", "setup-secret"), "POST", "/creation-templates", templateOf(fixture)).status()).isIn(201, 409);
    }

    @Test
    void everyRestOperationNeedsExactlyItsAction() {
        List<String> wrong = new ArrayList<>();
        for (Action granted : ACTIONS) {
            String authorization = basic(keyOf(granted), "secret-" + granted.name());
            // A denied call changes nothing: the denied share one fixture, and each allowed call has its own.
            Fixture shared = fixture();
            restOperations().forEach((operation, needs) -> {
                int status = needs.status().apply(authorization, needs.needs() == granted ? fixture() : shared);
                boolean allowed = needs.needs() == granted;
                if (allowed ? status == 403 || status == 401 : status != 403) {
                    wrong.add(granted.iamName() + " -> " + operation + ": " + status);
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    private interface EcrCall {
        void run(EcrClient ecr, Fixture fixture);
    }

    @Test
    void everyEcrOperationNeedsExactlyItsAction() {
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

        List<String> wrong = new ArrayList<>();
        for (Action granted : ACTIONS) {
            try (EcrClient ecr = EcrApiTest.ecrClient(port, keyOf(granted), "secret-" + granted.name())) {
                Fixture shared = fixture();
                operations.forEach((operation, needs) -> {
                    String outcome;
                    try {
                        needs.getValue().run(ecr, needs.getKey() == granted ? fixture() : shared);
                        outcome = "allowed";
                    } catch (EcrException e) {
                        outcome = e.awsErrorDetails().errorCode();
                    }
                    boolean allowed = needs.getKey() == granted;
                    if (allowed != outcome.equals("allowed")) {
                        wrong.add(granted.iamName() + " -> " + operation + ": " + outcome);
                    } else if (!allowed && !outcome.equals("AccessDeniedException")) {
                        wrong.add(granted.iamName() + " -> " + operation + ": " + outcome);
                    }
                });
            }
        }
        assertThat(wrong).isEmpty();
    }
}
