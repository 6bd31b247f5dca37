package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.domain.ImageDigest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Every invalid input gets a 4xx problem naming the field, never a 500 or a stack trace, and nothing is written. */
class BadInputTest extends ApiTest {

    private void assertRejected(Supplier<Response> request, int status, String code, String field) {
        long eventsBefore = storedEvents();
        Response response = request.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception:").doesNotContain("\tat ");
        if (field != null) {
            assertThat(problem.get("field").asText()).isEqualTo(field);
        }
        assertThat(storedEvents()).as("events written by a rejected request").isEqualTo(eventsBefore);
    }

    private void assertInvalidCreate(String json, String field) {
        assertRejected(() -> postJson("/repositories", json), 400, "InvalidParameterException", field);
    }

    @Test
    void malformedJsonIsRejected() {
        assertInvalidCreate("{\"name\": \"team/x\"", "body");
        assertInvalidCreate("not json", "body");
    }

    @Test
    void aMissingBodyIsRejected() {
        assertRejected(() -> send("POST", "/repositories", "application/json", null), 400, "InvalidParameterException", "body");
    }

    @Test
    void aMissingNameIsRejected() {
        assertInvalidCreate("{}", "name");
        assertInvalidCreate("{\"name\": null}", "name");
    }

    @Test
    void aNameOfTheWrongTypeIsRejected() {
        assertInvalidCreate("{\"name\": 12345}", "name");
        assertInvalidCreate("{\"name\": [\"team/app\"]}", "name");
        assertInvalidCreate("{\"name\": {\"a\": 1}}", "name");
    }

    @Test
    void namesOutsideEcrsGrammarAreRejected() {
        assertInvalidCreate("{\"name\": \"a\"}", "name");
        assertInvalidCreate("{\"name\": \"Team/App\"}", "name");
        assertInvalidCreate("{\"name\": \"team//app\"}", "name");
        assertInvalidCreate("{\"name\": \"" + "a".repeat(257) + "\"}", "name");
    }

    @Test
    void anUnknownMutabilityIsRejected() {
        assertInvalidCreate("{\"name\": \"team/enum\", \"imageTagMutability\": \"SOMETIMES\"}", "imageTagMutability");
        assertInvalidCreate("{\"name\": \"team/enum\", \"imageTagMutability\": 1}", "imageTagMutability");
    }

    @Test
    void anUnknownTagProtectionIsRejected() {
        assertInvalidCreate("{\"name\": \"team/p\", \"tagProtection\": \"TOTAL\"}", "tagProtection");
    }

    @Test
    void exclusionFiltersOfTheWrongShapeAreRejected() {
        assertInvalidCreate("{\"name\": \"team/f\", \"imageTagMutability\": \"IMMUTABLE_WITH_EXCLUSION\", \"exclusionFilters\": \"dev-*\"}",
                "exclusionFilters");
        assertInvalidCreate("{\"name\": \"team/f\", \"imageTagMutability\": \"IMMUTABLE_WITH_EXCLUSION\", \"exclusionFilters\": [7]}",
                "exclusionFilters[0]");
    }

    @Test
    void exclusionFiltersMustFitTheMode() {
        assertInvalidCreate("{\"name\": \"team/f\", \"imageTagMutability\": \"IMMUTABLE_WITH_EXCLUSION\"}", "exclusionFilters");
        assertInvalidCreate("{\"name\": \"team/f\", \"imageTagMutability\": \"IMMUTABLE_WITH_EXCLUSION\", \"exclusionFilters\": []}",
                "exclusionFilters");
        assertInvalidCreate("{\"name\": \"team/f\", \"imageTagMutability\": \"IMMUTABLE\", \"exclusionFilters\": [\"dev-*\"]}",
                "exclusionFilters");
        assertInvalidCreate("{\"name\": \"team/f\", \"imageTagMutability\": \"MUTABLE_WITH_EXCLUSION\", "
                + "\"exclusionFilters\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}", "exclusionFilters");
        assertInvalidCreate("{\"name\": \"team/f\", \"imageTagMutability\": \"MUTABLE_WITH_EXCLUSION\", \"exclusionFilters\": [\"prod/*\"]}",
                "exclusionFilters");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsAnUnsupportedMediaType() {
        assertRejected(() -> send("POST", "/repositories", "text/plain", "{\"name\":\"team/x\"}".getBytes(StandardCharsets.UTF_8)),
                415, "InvalidParameterException", null);
    }

    @Test
    void anInvalidMutabilityChangeIsRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRejected(() -> putJson("/repositories/" + name + "/-/tag-mutability", "{\"imageTagMutability\": \"NEVER\"}"),
                400, "InvalidParameterException", "imageTagMutability");
        assertRejected(() -> putJson("/repositories/" + name + "/-/tag-mutability", "{}"),
                400, "InvalidParameterException", "imageTagMutability");
    }

    @Test
    void anInvalidTagInThePathIsRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRejected(() -> push(name, "-bad", manifest("x")), 400, "InvalidParameterException", "tag");
        assertRejected(() -> push(name, "a".repeat(129), manifest("x")), 400, "InvalidParameterException", "tag");
        assertRejected(() -> get("/repositories/" + name + "/-/tags/.x"), 400, "InvalidParameterException", "tag");
    }

    @Test
    void anInvalidDigestInThePathIsRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRejected(() -> push(name, "sha256:xyz", manifest("x")), 400, "InvalidParameterException", "digest");
        assertRejected(() -> delete("/repositories/" + name + "/-/images/sha256:ABC"), 400, "InvalidParameterException", "digest");
    }

    @Test
    void aDigestThatDoesNotMatchTheManifestIsRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String other = ImageDigest.of("other".getBytes(StandardCharsets.UTF_8)).value();
        assertRejected(() -> push(name, other, manifest("x")), 400, "ImageDigestDoesNotMatchException", "digest");
    }

    @Test
    void aManifestThatIsNotJsonIsRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRejected(() -> send("PUT", "/repositories/" + name + "/-/manifests/v1", "application/vnd.oci.image.manifest.v1+json",
                "not json".getBytes(StandardCharsets.UTF_8)), 400, "InvalidParameterException", "body");
        assertRejected(() -> send("PUT", "/repositories/" + name + "/-/manifests/v1", "application/vnd.oci.image.manifest.v1+json",
                null), 400, "InvalidParameterException", "body");
    }

    @Test
    void aManifestWithoutAMediaTypeAnywhereIsRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRejected(() -> send("PUT", "/repositories/" + name + "/-/manifests/v1", "application/octet-stream",
                "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8)), 400, "InvalidParameterException", "Content-Type");
    }

    @Test
    void anUnsupportedOrContradictingMediaTypeIsRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRejected(() -> send("PUT", "/repositories/" + name + "/-/manifests/v1", "application/vnd.example+json",
                "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8)), 400, "InvalidParameterException", "Content-Type");
        assertRejected(() -> send("PUT", "/repositories/" + name + "/-/manifests/v1", "application/vnd.docker.distribution.manifest.v2+json",
                manifest("x").getBytes(StandardCharsets.UTF_8)), 400, "InvalidParameterException", "Content-Type");
    }

    @Test
    void aManifestOverFourMebibytesIsRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String big = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"pad\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}";
        assertRejected(() -> push(name, "v1", big), 400, "InvalidParameterException", "body");
    }

    @Test
    void aBodyOverTheRequestLimitIsRefusedBeforeItIsSent() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRejected(() -> announceHugeBody("PUT", "/repositories/" + name + "/-/manifests/v1"), 413, "InvalidParameterException", "body");
        assertRejected(() -> announceHugeBody("POST", "/repositories"), 413, "InvalidParameterException", "body");
    }

    @Test
    void aChunkedBodyIsCutOffAtTheRequestLimit() throws Exception {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        byte[] huge = new byte[10 * 1024 * 1024 + 64 * 1024];
        assertRejected(() -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/repositories/" + name + "/-/manifests/v1"))
                    .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                    .build();
            return exchange(request);
        }, 413, "InvalidParameterException", "body");
    }

    /**
     * Announces an 11 MiB body with {@code Expect: 100-continue}, as curl does for large bodies, and
     * sends none of it: the answer must come without the body. (Over a raw socket: JDK 17's HTTP
     * client hangs when the answer to {@code Expect: 100-continue} is not 100.)
     */
    private Response announceHugeBody(String method, String path) {
        return raw(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + 11 * 1024 * 1024 + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
    }

    @Test
    void pagingParametersOutOfRangeAreRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRejected(() -> get("/repositories?limit=0"), 400, "InvalidParameterException", "limit");
        assertRejected(() -> get("/repositories?limit=1001"), 400, "InvalidParameterException", "limit");
        assertRejected(() -> get("/repositories?limit=ten"), 400, "InvalidParameterException", "limit");
        assertRejected(() -> get("/repositories?cursor=***"), 400, "InvalidParameterException", "cursor");
        assertRejected(() -> get("/repositories/" + name + "/-/images?tagStatus=SOME"), 400, "InvalidParameterException", "tagStatus");
        assertRejected(() -> get("/repositories/" + name + "/-/tags?limit=-1"), 400, "InvalidParameterException", "limit");
    }

    @Test
    void aForceFlagThatIsNotABooleanIsRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRejected(() -> delete("/repositories/" + name + "?force=maybe"), 400, "InvalidParameterException", "force");
    }

    @Test
    void anInvalidRepositoryNameInThePathIsRejected() {
        assertRejected(() -> get("/repositories/Team/App/-/tags"), 400, "InvalidParameterException", "name");
        assertRejected(() -> push("UPPER/case", "v1", manifest("x")), 400, "InvalidParameterException", "name");
    }

    @Test
    void unknownRoutesAndMethodsGetProblemsToo() {
        assertRejected(() -> get("/nothing-here"), 404, "UnknownOperationException", null);
        assertRejected(() -> send("PATCH", "/repositories", "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
                405, "UnknownOperationException", null);
    }
}
