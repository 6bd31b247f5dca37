package io.tagledger.api;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every limit docs/ documents, at the limit (works) and one past it (a clear 4xx that writes
 * nothing), on the REST and the ECR API.
 */
class LimitsTest extends ApiTest {

    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;

    private Response ecr(String operation, String body) {
        return exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", TARGET + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** A repository name of exactly {@code length} characters that no other test uses. */
    private static String nameOfLength(int length) {
        String unique = newRepositoryName().replace("/", "-");
        return unique + "/" + "n".repeat(length - unique.length() - 1);
    }

    /** A valid manifest of exactly {@code size} bytes. */
    private static String manifestOfSize(int size) {
        String[] around = manifest("size").replace("\"seed\":\"size\"", "\"pad\":\"PAD\"").split("PAD");
        return around[0] + "x".repeat(size - around[0].length() - around[1].length()) + around[1];
    }

    private void assertRefusedAndNothingWritten(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        String actual = response.header("Content-Type").startsWith("application/problem+json")
                ? response.json().get("code").asText() : response.json().get("__type").asText();
        assertThat(actual).isEqualTo(code);
    }

    @Test
    void repositoryNamesFromTwoTo256CharactersWorkOnRest() {
        String longest = nameOfLength(256);
        assertThat(longest).hasSize(256);
        long events = storedEvents();
        assertThat(postJson("/repositories", "{\"name\":\"" + longest + "\"}").status()).isEqualTo(201);
        assertThat(push(longest, "v1", manifest("longest")).status()).isEqualTo(201);
        assertThat(get("/repositories/" + longest + "/-/tags/v1").status()).isEqualTo(200);
        assertThat(get("/repositories/" + longest + "/-/tags/v1/history").json().get("periods")).hasSize(1);
        assertThat(get("/repositories/" + longest + "/-/audit/verify").json().get("verified").asBoolean()).isTrue();
        assertThat(get("/audit?repository=" + longest).json().get("items")).hasSize(2);
        assertThat(storedEvents()).isEqualTo(events + 2);

        String shortest = "z" + (char) ('0' + (int) (System.nanoTime() % 10));
        if (get("/repositories/" + shortest).status() == 404) {
            assertThat(postJson("/repositories", "{\"name\":\"" + shortest + "\"}").status()).isEqualTo(201);
        }

        long before = storedEvents();
        assertRefusedAndNothingWritten(postJson("/repositories", "{\"name\":\"" + nameOfLength(257) + "\"}"), 400, "InvalidParameterException");
        assertRefusedAndNothingWritten(postJson("/repositories", "{\"name\":\"z\"}"), 400, "InvalidParameterException");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void repositoryNamesOf256CharactersWorkOnEcr() {
        String longest = nameOfLength(256);
        assertThat(ecr("CreateRepository", "{\"repositoryName\":\"" + longest + "\"}").status()).isEqualTo(200);
        assertThat(ecr("PutImage", "{\"repositoryName\":\"" + longest + "\",\"imageTag\":\"v1\",\"imageManifest\":"
                + JSON.getNodeFactory().textNode(manifest("ecr-longest")) + "}").status()).isEqualTo(200);
        assertThat(ecr("DescribeImages", "{\"repositoryName\":\"" + longest + "\"}").json().get("imageDetails")).hasSize(1);

        long before = storedEvents();
        assertRefusedAndNothingWritten(ecr("CreateRepository", "{\"repositoryName\":\"" + nameOfLength(257) + "\"}"), 400, "InvalidParameterException");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void tagsOf128CharactersWorkAnd129AreRefusedOnBothApis() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertThat(push(name, "t".repeat(128), manifest("tag-128")).status()).isEqualTo(201);
        assertThat(ecr("PutImage", "{\"repositoryName\":\"" + name + "\",\"imageTag\":\"" + "e".repeat(128) + "\",\"imageManifest\":"
                + JSON.getNodeFactory().textNode(manifest("ecr-tag-128")) + "}").status()).isEqualTo(200);
        long before = storedEvents();
        assertRefusedAndNothingWritten(push(name, "t".repeat(129), manifest("tag-129")), 400, "InvalidParameterException");
        assertRefusedAndNothingWritten(ecr("PutImage", "{\"repositoryName\":\"" + name + "\",\"imageTag\":\"" + "e".repeat(129)
                + "\",\"imageManifest\":" + JSON.getNodeFactory().textNode(manifest("ecr-tag-129")) + "}"), 400, "InvalidParameterException");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void manifestsOfFourMebibytesWorkAndOneByteMoreIsRefusedOnBothApis() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String largest = manifestOfSize(MAX_MANIFEST);
        assertThat(largest.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_MANIFEST);
        Response pushed = push(name, "largest", largest);
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
        assertThat(get("/repositories/" + name + "/-/manifests/largest").body()).hasSize(MAX_MANIFEST);
        assertThat(ecr("PutImage", "{\"repositoryName\":\"" + name + "\",\"imageTag\":\"ecr-largest\",\"imageManifest\":"
                + JSON.getNodeFactory().textNode(largest.replace("\"pad\":\"x", "\"pad\":\"y")) + "}").status()).isEqualTo(200);

        String tooLarge = manifestOfSize(MAX_MANIFEST + 1);
        long before = storedEvents();
        assertRefusedAndNothingWritten(push(name, "too-large", tooLarge), 400, "InvalidParameterException");
        assertRefusedAndNothingWritten(ecr("PutImage", "{\"repositoryName\":\"" + name + "\",\"imageTag\":\"too-large\",\"imageManifest\":"
                + JSON.getNodeFactory().textNode(tooLarge) + "}"), 400, "InvalidParameterException");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void fiveExclusionFiltersOf128CharactersWorkAndSixAreRefusedOnBothApis() {
        List<String> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(i + "*".repeat(127));
        }
        String filters = "[\"" + String.join("\",\"", five) + "\"]";
        String ecrFilters = five.stream().map(filter -> "{\"filterType\":\"WILDCARD\",\"filter\":\"" + filter + "\"}").toList().toString();
        assertThat(postJson("/repositories", "{\"name\":\"" + newRepositoryName() + "\",\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\","
                + "\"exclusionFilters\":" + filters + "}").status()).isEqualTo(201);
        assertThat(ecr("CreateRepository", "{\"repositoryName\":\"" + newRepositoryName() + "\",\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\","
                + "\"imageTagMutabilityExclusionFilters\":" + ecrFilters + "}").status()).isEqualTo(200);

        long before = storedEvents();
        String six = filters.replace("]", ",\"x\"]");
        assertRefusedAndNothingWritten(postJson("/repositories", "{\"name\":\"" + newRepositoryName() + "\",\"imageTagMutability\":"
                + "\"IMMUTABLE_WITH_EXCLUSION\",\"exclusionFilters\":" + six + "}"), 400, "InvalidParameterException");
        assertRefusedAndNothingWritten(ecr("CreateRepository", "{\"repositoryName\":\"" + newRepositoryName() + "\",\"imageTagMutability\":"
                + "\"IMMUTABLE_WITH_EXCLUSION\",\"imageTagMutabilityExclusionFilters\":" + ecrFilters.replace("]",
                ",{\"filterType\":\"WILDCARD\",\"filter\":\"x\"}]") + "}"), 400, "InvalidParameterException");
        assertRefusedAndNothingWritten(postJson("/repositories", "{\"name\":\"" + newRepositoryName() + "\",\"imageTagMutability\":"
                + "\"IMMUTABLE_WITH_EXCLUSION\",\"exclusionFilters\":[\"" + "x".repeat(129) + "\"]}"), 400, "InvalidParameterException");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void pagesOf1000WorkAnd1001AreRefusedOnBothApis() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertThat(get("/repositories/" + name + "/-/tags?limit=1000").status()).isEqualTo(200);
        assertThat(get("/audit?limit=1000").status()).isEqualTo(200);
        assertThat(ecr("ListImages", "{\"repositoryName\":\"" + name + "\",\"maxResults\":1000}").status()).isEqualTo(200);
        assertRefusedAndNothingWritten(get("/repositories/" + name + "/-/tags?limit=1001"), 400, "InvalidParameterException");
        assertRefusedAndNothingWritten(ecr("ListImages", "{\"repositoryName\":\"" + name + "\",\"maxResults\":1001}"), 400, "InvalidParameterException");
    }

    @Test
    void batchesOf100ImageIdsWorkAnd101AreRefused() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add("{\"imageTag\":\"t" + i + "\"}");
        }
        assertThat(ecr("BatchGetImage", "{\"repositoryName\":\"" + name + "\",\"imageIds\":" + ids.subList(0, 100) + "}").status()).isEqualTo(200);
        assertThat(ecr("BatchDeleteImage", "{\"repositoryName\":\"" + name + "\",\"imageIds\":" + ids.subList(0, 100) + "}").status()).isEqualTo(200);
        assertRefusedAndNothingWritten(ecr("BatchGetImage", "{\"repositoryName\":\"" + name + "\",\"imageIds\":" + ids + "}"), 400, "InvalidParameterException");
        assertRefusedAndNothingWritten(ecr("BatchDeleteImage", "{\"repositoryName\":\"" + name + "\",\"imageIds\":" + ids + "}"), 400, "InvalidParameterException");
    }
}
