package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.domain.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class RestApiTest extends ApiTest {

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    @Test
    void creatingARepositoryAnswers201WithItsViewAndLocation() {
        String name = newRepositoryName();
        Response response = postJson("/repositories",
                "{\"name\":\"" + name + "\",\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\",\"exclusionFilters\":[\"dev-*\"]}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/repositories/" + name);
        JsonNode body = response.json();
        assertThat(body.get("name").asText()).isEqualTo(name);
        assertThat(body.get("imageTagMutability").asText()).isEqualTo("IMMUTABLE_WITH_EXCLUSION");
        assertThat(texts(body.get("exclusionFilters"))).containsExactly("dev-*");
        assertThat(body.get("imageCount").asLong()).isZero();
        assertThat(body.get("createdAt").asText()).isNotBlank();
    }

    @Test
    void aRepositoryIsMutableByDefault() {
        String name = newRepositoryName();
        assertThat(postJson("/repositories", "{\"name\":\"" + name + "\"}").json().get("imageTagMutability").asText())
                .isEqualTo("MUTABLE");
    }

    @Test
    void creatingAnExistingRepositoryAnswers409() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");

        Response again = postJson("/repositories", "{\"name\":\"" + name + "\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(again.json().get("code").asText()).isEqualTo("RepositoryAlreadyExistsException");
    }

    @Test
    void aRepositoryCanBeReadBack() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");

        Response response = get("/repositories/" + name);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
    }

    @Test
    void aRepositoryNameWithEncodedSlashesWorksToo() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");

        assertThat(get("/repositories/" + name.replace("/", "%2F")).json().get("name").asText()).isEqualTo(name);
    }

    @Test
    void aMissingRepositoryAnswers404() {
        Response response = get("/repositories/no/such-repo");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asText()).isEqualTo("RepositoryNotFoundException");
    }

    @Test
    void repositoriesArePagedInAStableOrderWithAnOpaqueCursor() {
        String prefix = "paging" + System.nanoTime();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            String name = prefix + "/r" + i;
            createRepository(name, "MUTABLE");
            created.add(name);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = get("/repositories?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> seen.add(item.get("name").asText()));
            cursor = page.json().has("nextCursor") ? page.json().get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 1000);

        assertThat(seen).doesNotHaveDuplicates().isSorted().containsAll(created);
        assertThat(pages).isGreaterThan(2);
    }

    @Test
    void repositoriesCanBeSearchedByAPartOfTheirNameIgnoringCaseAndPagedWithinTheSearch() {
        String part = "search" + System.nanoTime();
        List<String> matching = List.of(part + "/a", "x/" + part + "-b", "y/c." + part);
        matching.forEach(name -> createRepository(name, "MUTABLE"));
        createRepository("search/" + System.nanoTime(), "MUTABLE");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get("/repositories?limit=2&nameContains=" + part.toUpperCase() + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> seen.add(item.get("name").asText()));
            cursor = page.json().has("nextCursor") ? page.json().get("nextCursor").asText() : null;
        } while (cursor != null && seen.size() < 10);

        assertThat(seen).containsExactlyElementsOf(matching.stream().sorted().toList());
        assertThat(get("/repositories?nameContains=%25").json().get("items")).as("% is a character, not a wildcard").isEmpty();
        Response tooLong = get("/repositories?nameContains=" + "a".repeat(257));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("field").asText()).isEqualTo("nameContains");
    }

    @Test
    void eachTagSaysWhetherTheRepositoryRulesMakeItImmutableAndProtectedNowAndAsTheyWere() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        push(name, "v1", manifest("rules-v1"));
        push(name, "latest", manifest("rules-latest"));
        Instant mutableThen = Instant.now();
        assertThat(putJson("/repositories/" + name + "/-/tag-mutability",
                "{\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\",\"exclusionFilters\":[\"latest*\"]}").status()).isEqualTo(200);

        Map<String, Boolean> now = new TreeMap<>();
        get("/repositories/" + name + "/-/tags").json().get("items")
                .forEach(tag -> now.put(tag.get("tag").asText(), tag.get("immutable").asBoolean()));
        Map<String, Boolean> then = new TreeMap<>();
        get("/repositories/" + name + "/-/tags?asOf=" + mutableThen).json().get("items")
                .forEach(tag -> then.put(tag.get("tag").asText(), tag.get("immutable").asBoolean()));

        assertThat(now).containsExactly(Map.entry("latest", false), Map.entry("v1", true));
        assertThat(then).containsExactly(Map.entry("latest", false), Map.entry("v1", false));
        assertThat(get("/repositories/" + name + "/-/tags/v1").json().get("immutable").asBoolean()).isTrue();
        assertThat(get("/repositories/" + name + "/-/tags/v1").json().get("protected").asBoolean()).as("NONE protects nothing").isFalse();
        assertThat(putJson("/repositories/" + name + "/-/tag-mutability", "{\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\","
                + "\"exclusionFilters\":[\"latest*\"],\"tagProtection\":\"STRICT\"}").status()).isEqualTo(200);
        Map<String, Boolean> strict = new TreeMap<>();
        get("/repositories/" + name + "/-/tags").json().get("items")
                .forEach(tag -> strict.put(tag.get("tag").asText(), tag.get("protected").asBoolean()));
        assertThat(strict).containsExactly(Map.entry("latest", false), Map.entry("v1", true));
    }

    @Test
    void pushingAnswers201WithTheDigestOfTheExactBytes() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        String manifest = manifest("push");

        Response response = push(name, "v1", manifest);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(digestOf(manifest));
        assertThat(response.json().get("digest").asText()).isEqualTo(digestOf(manifest));
        assertThat(response.json().get("tag").asText()).isEqualTo("v1");
    }

    @Test
    void aManifestIsReturnedByteForByteByTagAndByDigest() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String manifest = "{ \"schemaVersion\" : 2,\n  \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\" ,"
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1,"
                + "\"digest\":\"sha256:" + "d".repeat(64) + "\"}, \"layers\": [] }\n";
        push(name, "v1", manifest);

        for (String reference : List.of("v1", digestOf(manifest))) {
            Response response = get("/repositories/" + name + "/-/manifests/" + reference);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(manifest.getBytes(StandardCharsets.UTF_8));
            assertThat(response.header("Content-Type")).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
            assertThat(response.header("Docker-Content-Digest")).isEqualTo(digestOf(manifest));
        }
    }

    @Test
    void theContentTypeNamesTheMediaTypeOfAManifestWithoutOne() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String index = "{\"schemaVersion\":2,\"manifests\":[]}";

        Response pushed = send("PUT", "/repositories/" + name + "/-/manifests/multi", "application/vnd.oci.image.index.v1+json",
                index.getBytes(StandardCharsets.UTF_8));

        assertThat(pushed.status()).isEqualTo(201);
        assertThat(get("/repositories/" + name + "/-/manifests/multi").header("Content-Type"))
                .isEqualTo("application/vnd.oci.image.index.v1+json");
    }

    @Test
    void pushingAnExistingTagToAnImmutableRepositoryAnswers409AndChangesNothing() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        String first = manifest("first");
        push(name, "v1", first);
        long events = storedEvents();

        Response rejected = push(name, "v1", manifest("second"));

        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.json().get("code").asText()).isEqualTo("ImageTagAlreadyExistsException");
        assertThat(rejected.json().get("detail").asText()).isEqualTo("The image tag 'v1' already exists in the '" + name
                + "' repository and cannot be overwritten because the repository is immutable.");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(get("/repositories/" + name + "/-/tags/v1").json().get("digest").asText()).isEqualTo(digestOf(first));
    }

    @Test
    void pushingTheSameManifestAndTagAgainAnswers409ImageAlreadyExists() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        push(name, "v1", manifest("same"));

        Response again = push(name, "v1", manifest("same"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("ImageAlreadyExistsException");
    }

    @Test
    void pushingToAMutableTagMovesItAndLeavesTheOldImageUntagged() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String first = manifest("first");
        String second = manifest("second");
        push(name, "latest", first);

        assertThat(push(name, "latest", second).status()).isEqualTo(201);

        assertThat(get("/repositories/" + name + "/-/tags/latest").json().get("digest").asText()).isEqualTo(digestOf(second));
        JsonNode untagged = get("/repositories/" + name + "/-/images?tagStatus=UNTAGGED").json().get("items");
        assertThat(untagged).hasSize(1);
        assertThat(untagged.get(0).get("digest").asText()).isEqualTo(digestOf(first));
        assertThat(untagged.get(0).get("tags")).isEmpty();
        assertThat(get("/repositories/" + name).json().get("imageCount").asLong()).isEqualTo(2);
    }

    @Test
    void imagesAreListedOncePerDigestWithAllTheirTagsAndFilteredByTagStatus() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        String tagged = manifest("tagged");
        push(name, "v1", tagged);
        push(name, "stable", tagged);
        push(name, digestOf(manifest("untagged")), manifest("untagged"));

        JsonNode any = get("/repositories/" + name + "/-/images").json().get("items");
        JsonNode onlyTagged = get("/repositories/" + name + "/-/images?tagStatus=TAGGED").json().get("items");
        JsonNode onlyUntagged = get("/repositories/" + name + "/-/images?tagStatus=UNTAGGED").json().get("items");

        assertThat(any).hasSize(2);
        assertThat(onlyTagged).hasSize(1);
        assertThat(texts(onlyTagged.get(0).get("tags"))).containsExactly("stable", "v1");
        assertThat(onlyTagged.get(0).get("sizeBytes").asLong()).isEqualTo(1100);
        assertThat(onlyTagged.get(0).get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(onlyUntagged).hasSize(1);
        assertThat(onlyUntagged.get(0).get("digest").asText()).isEqualTo(digestOf(manifest("untagged")));
    }

    @Test
    void imagesAndTagsArePaged() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        for (int i = 0; i < 5; i++) {
            push(name, "t" + i, manifest("paged" + i));
        }

        for (String listing : List.of("images", "tags")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = get("/repositories/" + name + "/-/" + listing + "?limit=2"
                        + (cursor == null ? "" : "&cursor=" + cursor)).json();
                assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
                page.get("items").forEach(item -> seen.add(item.get(listing.equals("tags") ? "tag" : "digest").asText()));
                cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null && seen.size() < 100);
            assertThat(seen).hasSize(5).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void aTagCanBeReadWithItsDigest() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        push(name, "v1", manifest("tag"));

        JsonNode tag = get("/repositories/" + name + "/-/tags/v1").json();

        assertThat(tag.get("tag").asText()).isEqualTo("v1");
        assertThat(tag.get("digest").asText()).isEqualTo(digestOf(manifest("tag")));
        assertThat(tag.get("pushedAt").asText()).isNotBlank();
    }

    @Test
    void aMissingTagAnswers404() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");

        Response response = get("/repositories/" + name + "/-/tags/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asText()).isEqualTo("ImageNotFoundException");
    }

    @Test
    void untaggingRemovesTheTagAndKeepsAnImageThatHasOthers() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        push(name, "v1", manifest("untag"));
        push(name, "stable", manifest("untag"));

        assertThat(delete("/repositories/" + name + "/-/tags/v1").status()).isEqualTo(204);

        assertThat(get("/repositories/" + name + "/-/tags/v1").status()).isEqualTo(404);
        JsonNode images = get("/repositories/" + name + "/-/images").json().get("items");
        assertThat(images).hasSize(1);
        assertThat(texts(images.get(0).get("tags"))).containsExactly("stable");
    }

    @Test
    void untaggingTheLastTagDeletesTheImageAsEcrDoes() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        push(name, "v1", manifest("last"));

        assertThat(delete("/repositories/" + name + "/-/tags/v1").status()).isEqualTo(204);

        assertThat(get("/repositories/" + name + "/-/images").json().get("items")).isEmpty();
    }

    @Test
    void deletingAnImageRemovesItsTagsAndManifest() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        String manifest = manifest("delete");
        push(name, "v1", manifest);
        push(name, "v2", manifest);

        assertThat(delete("/repositories/" + name + "/-/images/" + digestOf(manifest)).status()).isEqualTo(204);

        assertThat(get("/repositories/" + name + "/-/tags").json().get("items")).isEmpty();
        assertThat(get("/repositories/" + name + "/-/manifests/" + digestOf(manifest)).status()).isEqualTo(404);
        assertThat(get("/repositories/" + name + "/-/manifests/v1").json().get("code").asText()).isEqualTo("ImageNotFoundException");
    }

    @Test
    void deletingAMissingImageAnswers404() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");

        Response response = delete("/repositories/" + name + "/-/images/" + digestOf("nothing"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asText()).isEqualTo("ImageNotFoundException");
    }

    @Test
    void changingTheTagMutabilityAppliesToTheNextPush() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        push(name, "prod-1", manifest("a"));

        Response changed = putJson("/repositories/" + name + "/-/tag-mutability",
                "{\"imageTagMutability\":\"MUTABLE_WITH_EXCLUSION\",\"exclusionFilters\":[\"prod-*\"]}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("imageTagMutability").asText()).isEqualTo("MUTABLE_WITH_EXCLUSION");
        assertThat(push(name, "prod-1", manifest("b")).json().get("code").asText()).isEqualTo("ImageTagAlreadyExistsException");
        assertThat(push(name, "dev", manifest("b")).status()).isEqualTo(201);
        assertThat(push(name, "dev", manifest("c")).status()).isEqualTo(201);
    }

    @Test
    void deletingARepositoryWithImagesNeedsForce() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        push(name, "v1", manifest("force"));

        Response refused = delete("/repositories/" + name);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("RepositoryNotEmptyException");

        assertThat(delete("/repositories/" + name + "?force=true").status()).isEqualTo(204);
        assertThat(get("/repositories/" + name).status()).isEqualTo(404);
        assertThat(get("/repositories/" + name + "/-/images").status()).isEqualTo(404);
    }

    @Test
    void aDeletedRepositoryCanBeCreatedAgainEmpty() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        push(name, "v1", manifest("before"));
        delete("/repositories/" + name + "?force=true");

        createRepository(name, "IMMUTABLE");

        assertThat(get("/repositories/" + name).json().get("imageCount").asLong()).isZero();
        assertThat(push(name, "v1", manifest("after")).status()).isEqualTo(201);
    }

    @Test
    void theApiIsPublishedAsOpenApiWithABrowsableUi() {
        Response docs = get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/repositories/{name}/-/manifests/{reference}")).isTrue();
        assertThat(docs.json().at("/info/title").asText()).isEqualTo("tagledger");
        assertThat(docs.json().at("/info/description").asText()).contains("`ImageTagAlreadyExistsException`", "`ServiceUnavailableException`");
        assertThat(docs.json().at("/components/securitySchemes").fieldNames()).toIterable().containsExactlyInAnyOrder("accessKey", "apiToken", "jwt");
        assertThat(get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void everyOperationIsDocumentedWithExamplesOfItsSuccessAndOfItsErrorsInTheApisOwnFormat() throws IOException {
        JsonNode docs = get("/v3/api-docs").json();
        JsonNode examples;
        try (InputStream in = getClass().getResourceAsStream("/openapi/examples.json")) {
            examples = JSON.readTree(in);
        }
        Set<String> operations = new TreeSet<>();
        docs.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String operation = method.getKey().toUpperCase() + " " + path.getKey();
            operations.add(operation);
            JsonNode responses = method.getValue().get("responses");
            assertThat(responses.fieldNames()).toIterable().as(operation).contains("401", "403", "503")
                    .anySatisfy(status -> assertThat(status).startsWith("2"));
            if (method.getValue().has("parameters") || method.getValue().has("requestBody")) {
                assertThat(responses.fieldNames()).toIterable().as(operation + ": what bad input gets")
                        .anySatisfy(status -> assertThat(status).startsWith("4").isNotIn("401", "403"));
            }
            responses.fields().forEachRemaining(response -> {
                String status = response.getKey();
                assertThat(response.getValue().path("description").asText()).as(operation + " " + status).isNotBlank();
                if (status.equals("204")) {
                    assertThat(response.getValue().has("content")).as(operation + " 204 has no body").isFalse();
                    return;
                }
                assertThat(response.getValue().has("content")).as(operation + " " + status + " shows its body").isTrue();
                response.getValue().get("content").fields().forEachRemaining(media -> {
                    JsonNode example = media.getValue().get("example");
                    assertThat(example).as(operation + " " + status + " " + media.getKey()).isNotNull();
                    if (!status.startsWith("2")) {
                        assertThat(media.getKey()).isEqualTo("application/problem+json");
                        assertThat(example.get("status").asInt()).as(operation).isEqualTo(Integer.parseInt(status));
                        assertThat(ErrorCode.values()).extracting(ErrorCode::wireName).as(operation).contains(example.get("code").asText());
                    } else if (example.isObject() && media.getValue().path("schema").has("$ref")) {
                        String schema = media.getValue().at("/schema/$ref").asText().substring("#/components/schemas/".length());
                        assertThat(example.fieldNames()).toIterable().as(operation + ": every member of the example is in " + schema)
                                .isSubsetOf(() -> docs.at("/components/schemas/" + schema + "/properties").fieldNames());
                    }
                });
            });
            if (method.getValue().has("requestBody")) {
                method.getValue().at("/requestBody/content").forEach(media -> assertThat(media.has("example")).as(operation).isTrue());
            }
        }));
        Set<String> documented = new TreeSet<>();
        examples.fieldNames().forEachRemaining(documented::add);
        documented.remove("*");
        assertThat(documented).as("an example for every operation, and none for an operation that is gone").isEqualTo(operations);
    }

    @Test
    void healthIsUp() {
        assertThat(get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void aRepositoryThatAcceptsATagsDigestAgainLetsAPipelineRerunAndNothingIsWritten() {
        String name = newRepositoryName();
        Response created = postJson("/repositories", "{\"name\":\"" + name + "\",\"imageTagMutability\":\"IMMUTABLE\","
                + "\"imageTagRepush\":\"ACCEPT_SAME_DIGEST\"}");
        String manifest = manifest("rerun");
        push(name, "v1", manifest);
        long events = storedEvents();
        long refusals = refusalsRecorded();

        Response again = push(name, "v1", manifest);
        Response other = push(name, "v1", manifest("rerun-other"));

        assertThat(created.json().get("imageTagRepush").asText()).isEqualTo("ACCEPT_SAME_DIGEST");
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header("Docker-Content-Digest")).isEqualTo(digestOf(manifest));
        assertThat(storedEvents()).as("a repush changes nothing, and is not in the trail").isEqualTo(events);
        assertThat(other.json().get("code").asText()).isEqualTo("ImageTagAlreadyExistsException");
        assertThat(refusalsRecorded()).isEqualTo(refusals + 1);
        Response refusing = putJson("/repositories/" + name + "/-/tag-mutability", "{\"imageTagMutability\":\"IMMUTABLE\","
                + "\"imageTagRepush\":\"REFUSE\"}");
        assertThat(refusing.json().get("imageTagRepush").asText()).isEqualTo("REFUSE");
        assertThat(push(name, "v1", manifest).json().get("code").asText()).isEqualTo("ImageAlreadyExistsException");
        Response unchanged = putJson("/repositories/" + name + "/-/tag-mutability", "{\"imageTagMutability\":\"MUTABLE\"}");
        assertThat(unchanged.json().get("imageTagRepush").asText()).as("kept when not given").isEqualTo("REFUSE");
        assertThat(postJson("/repositories", "{\"name\":\"" + name + "x\",\"imageTagRepush\":\"SOMETIMES\"}").json()
                .get("field").asText()).isEqualTo("imageTagRepush");
    }

    @Test
    void aSealedTagMayBeDeletedToFreeStorageButNeverPointsAtOtherContentAgain() {
        String name = newRepositoryName();
        assertThat(postJson("/repositories", "{\"name\":\"" + name + "\",\"imageTagMutability\":\"IMMUTABLE\","
                + "\"tagProtection\":\"SEALED\"}").json().get("tagProtection").asText()).isEqualTo("SEALED");
        String manifest = manifest("sealed");
        push(name, "v1", manifest);

        assertThat(delete("/repositories/" + name + "/-/tags/v1").status()).as("deleted to free storage").isEqualTo(204);
        Response other = push(name, "v1", manifest("sealed-other"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("code").asText()).isEqualTo("TagProtectedException");
        assertThat(other.json().get("detail").asText()).isEqualTo("The image tag 'v1' is sealed to '" + digestOf(manifest)
                + "' in the '" + name + "' repository and can never point at other content.");
        assertThat(push(name, "v1", manifest).status()).as("the same digest restores it").isEqualTo(201);

        assertThat(delete("/repositories/" + name + "?force=true").status()).isEqualTo(204);
        createRepository(name, "MUTABLE");
        assertThat(push(name, "v1", manifest("sealed-later")).json().get("code").asText()).as("after the name is created again")
                .isEqualTo("TagProtectedException");
        assertThat(get("/audit?repository=" + name + "&outcome=refused").json().get("items")).hasSize(2);
    }

    @Test
    void aReleaseLetsAnImmutableTagMoveOnceOnTheRecord() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        push(name, "prod", manifest("release-first"));

        Response released = postJson("/repositories/" + name + "/-/tags/prod/release",
                "{\"reason\":\"rebuild for CVE-2026-1234\",\"validFor\":\"PT10M\"}");
        Response moved = push(name, "prod", manifest("release-second"));
        Response again = push(name, "prod", manifest("release-third"));

        assertThat(released.status()).as(released.toString()).isEqualTo(201);
        assertThat(released.json().get("reason").asText()).isEqualTo("rebuild for CVE-2026-1234");
        assertThat(Instant.parse(released.json().get("validUntil").asText())).isAfter(Instant.now().plusSeconds(540));
        assertThat(moved.status()).as("the release is used by the next change").isEqualTo(201);
        assertThat(again.json().get("code").asText()).as("and ends with it").isEqualTo("ImageTagAlreadyExistsException");
        JsonNode trail = get("/audit?repository=" + name + "&type=TagReleased").json().get("items");
        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.at("/payload/reason").asText()).isEqualTo("rebuild for CVE-2026-1234");
            assertThat(entry.at("/payload/digest").asText()).isEqualTo(digestOf(manifest("release-first")));
        });
        assertThat(postJson("/repositories/" + name + "/-/tags/prod/release", "{\"validFor\":\"PT10M\"}").json().get("field").asText())
                .isEqualTo("reason");
        assertThat(postJson("/repositories/" + name + "/-/tags/prod/release", "{\"reason\":\"x\",\"validFor\":\"ten minutes\"}")
                .json().get("field").asText()).isEqualTo("validFor");
    }

    @Test
    void strictTagProtectionKeepsImmutableTagsForGood() {
        String name = newRepositoryName();
        Response created = postJson("/repositories",
                "{\"name\":\"" + name + "\",\"imageTagMutability\":\"IMMUTABLE\",\"tagProtection\":\"STRICT\"}");
        assertThat(created.json().get("tagProtection").asText()).isEqualTo("STRICT");
        String manifest = manifest("strict");
        push(name, "v1", manifest);

        assertThat(delete("/repositories/" + name + "/-/tags/v1").json().get("code").asText()).isEqualTo("TagProtectedException");
        assertThat(delete("/repositories/" + name + "/-/images/" + digestOf(manifest)).status()).isEqualTo(409);
        assertThat(delete("/repositories/" + name + "?force=true").json().get("code").asText()).isEqualTo("TagProtectedException");
        assertThat(putJson("/repositories/" + name + "/-/tag-mutability", "{\"imageTagMutability\":\"MUTABLE\",\"tagProtection\":\"NONE\"}")
                .status()).isEqualTo(409);

        Response relaxed = putJson("/repositories/" + name + "/-/tag-mutability", "{\"imageTagMutability\":\"MUTABLE\"}");
        assertThat(relaxed.json().get("tagProtection").asText()).isEqualTo("STRICT");
        assertThat(push(name, "v1", manifest("other")).json().get("code").asText()).isEqualTo("ImageTagAlreadyExistsException");
        assertThat(get("/repositories/" + name + "/-/tags/v1").json().get("digest").asText()).isEqualTo(digestOf(manifest));
    }

    @Test
    void withoutTagProtectionAnImmutableTagCanBeDeletedAndPushedAgainAsInEcr() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        assertThat(get("/repositories/" + name).json().get("tagProtection").asText()).isEqualTo("NONE");
        push(name, "v1", manifest("first"));

        assertThat(delete("/repositories/" + name + "/-/tags/v1").status()).isEqualTo(204);

        assertThat(push(name, "v1", manifest("second")).status()).isEqualTo(201);
    }
}
