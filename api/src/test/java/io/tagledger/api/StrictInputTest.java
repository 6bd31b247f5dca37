package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.domain.ErrorCode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that a lenient reader would guess at gets a clear 4xx in the API's own format, and nothing
 * is written: manifests that are not manifests, text with no UTF-8 form, path parameters, duplicate
 * or trailing JSON, forged page tokens, requests Tomcat refuses before any API sees them, and filters
 * that could match nothing.
 */
class StrictInputTest extends ApiTest {

    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    /** Every code any API answers: the error catalogue's. */
    private static final Set<String> CATALOGUE = Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).collect(Collectors.toSet());

    private static final String A = "sha256:" + "a".repeat(64);
    private static final String CONFIG = "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":7,\"digest\":\"" + A + "\"}";
    private static final String OCI = "\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"";
    private static final String MAX = Long.toString(Long.MAX_VALUE);

    /** The manifests the issue found stored with 201. */
    private static final List<String> NOT_MANIFESTS = List.of(
            "{\"a\":1}",
            "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}",
            "{\"schemaVersion\":1,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[]}",
            "{\"schemaVersion\":\"2\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[]}",
            "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[]}",
            "{" + OCI + ",\"layers\":[]}",
            "{" + OCI + ",\"config\":" + CONFIG + "}",
            "{" + OCI + ",\"config\":" + CONFIG + ",\"layers\":\"none\"}",
            "{" + OCI + ",\"config\":{\"mediaType\":\"x/y\",\"size\":7,\"digest\":\"sha256:XYZ\"},\"layers\":[]}",
            "{" + OCI + ",\"config\":" + CONFIG.replace("7", "-1") + ",\"layers\":[]}",
            "{" + OCI + ",\"config\":" + CONFIG.replace("7", "1.5") + ",\"layers\":[]}",
            "{" + OCI + ",\"config\":" + CONFIG.replace("7", "1e400") + ",\"layers\":[]}",
            "{" + OCI + ",\"config\":" + CONFIG.replace("7", MAX) + ",\"layers\":[" + CONFIG.replace("7", MAX) + "]}");

    private Response ecr(String operation, String body) {
        return exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", TARGET + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private void assertRestRefused(Supplier<Response> request, int status, String code, String field) {
        long events = storedEvents();
        Response response = request.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(response.json().get("field").asText()).as(response.text()).isEqualTo(field);
        }
        assertThat(storedEvents()).as("events written by a refused request").isEqualTo(events);
    }

    private void assertEcrRefused(Supplier<Response> request, String code) {
        long events = storedEvents();
        Response response = request.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(response.json().get("__type").asText()).as(response.text()).isEqualTo(code);
        assertThat(response.header("X-Amzn-ErrorType")).isEqualTo(code);
        assertThat(storedEvents()).as("events written by a refused request").isEqualTo(events);
    }

    private static String quoted(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    @Test
    void whatIsNotAManifestIsRefusedOnBothApis() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        for (String text : NOT_MANIFESTS) {
            assertRestRefused(() -> send("PUT", "/repositories/" + name + "/-/manifests/v1",
                    "application/vnd.oci.image.manifest.v1+json", text.getBytes(StandardCharsets.UTF_8)), 400, "InvalidParameterException", "body");
            assertEcrRefused(() -> ecr("PutImage", "{\"repositoryName\":\"" + name + "\",\"imageTag\":\"v1\",\"imageManifest\":" + quoted(text)
                    + ",\"imageManifestMediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"), "InvalidParameterException");
        }
    }

    @Test
    void aLoneSurrogateInAnEcrManifestIsRefusedRatherThanStoredAltered() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String manifest = quoted(manifest("surrogate")).replace("surrogate", "\\ud800");
        assertEcrRefused(() -> ecr("PutImage", "{\"repositoryName\":\"" + name + "\",\"imageTag\":\"v1\",\"imageManifest\":" + manifest + "}"),
                "InvalidParameterException");
        assertThat(get("/repositories/" + name + "/-/tags/v1").status()).isEqualTo(404);
    }

    @Test
    void pathParametersAreRefusedAndNeverWriteToAnotherName() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRestRefused(() -> push(name, "v1;x=y", manifest("matrix")), 400, "InvalidParameterException", null);
        assertRestRefused(() -> push(name + ";x=1", "v9", manifest("matrix")), 400, "InvalidParameterException", null);
        assertRestRefused(() -> get("/repositories/" + name + ";x=1"), 400, "InvalidParameterException", null);
        assertThat(get("/repositories/" + name + "/-/tags").json().get("items")).isEmpty();
    }

    @Test
    void duplicateMembersTrailingGarbageAndWrongTypesAreRefusedOnRest() {
        String name = newRepositoryName();
        assertRestRefused(() -> postJson("/repositories", "{\"name\":\"" + name + "\",\"name\":\"" + name + "x\"}"),
                400, "InvalidParameterException", null);
        assertRestRefused(() -> postJson("/repositories", "{\"name\":\"" + name + "\"} trailing"), 400, "InvalidParameterException", null);
        assertRestRefused(() -> postJson("/repositories", "{\"name\":\"" + name + "\"}{}"), 400, "InvalidParameterException", null);
        assertRestRefused(() -> postJson("/repositories", "{\"name\":\"" + name + "\",\"imageTagMutability\":true}"),
                400, "InvalidParameterException", "imageTagMutability");
        assertThat(get("/repositories/" + name).status()).isEqualTo(404);
    }

    @Test
    void aMemberTheRestApiDoesNotHaveIsRefusedRatherThanIgnored() {
        // A typo must not create a MUTABLE repository without a word.
        String name = newRepositoryName();
        assertRestRefused(() -> postJson("/repositories", "{\"name\":\"" + name + "\",\"imageTagMutabilty\":\"IMMUTABLE\"}"),
                400, "InvalidParameterException", "imageTagMutabilty");
        assertThat(get("/repositories/" + name).status()).isEqualTo(404);
        createRepository(name, "MUTABLE");
        assertRestRefused(() -> putJson("/repositories/" + name + "/-/tag-mutability", "{\"imageTagMutability\":\"IMMUTABLE\","
                + "\"tagProtecton\":\"STRICT\"}"), 400, "InvalidParameterException", "tagProtecton");
        assertThat(get("/repositories/" + name).json().get("imageTagMutability").asText()).isEqualTo("MUTABLE");
    }

    @Test
    void anUnknownEcrOperationIsNotEchoedBackAtAnyLength() {
        Response response = ecr("A".repeat(5000), "{}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(response.json().get("message").asText().length()).isLessThan(300);
    }

    @Test
    void duplicateMembersTrailingGarbageAndWrongTypesAreRefusedOnEcr() {
        String name = newRepositoryName();
        assertEcrRefused(() -> ecr("CreateRepository", "{\"repositoryName\":\"" + name + "\",\"repositoryName\":\"" + name + "x\"}"),
                "SerializationException");
        assertEcrRefused(() -> ecr("CreateRepository", "{\"repositoryName\":\"" + name + "\"} trailing"), "SerializationException");
        assertEcrRefused(() -> ecr("CreateRepository", "{\"repositoryName\":\"" + name + "\",\"imageScanningConfiguration\":{\"scanOnPush\":\"yes\"}}"),
                "SerializationException");
        assertEcrRefused(() -> ecr("CreateRepository", "{\"repositoryName\":\"" + name + "\",\"encryptionConfiguration\":{\"encryptionType\":\"ROT13\"}}"),
                "InvalidParameterException");
        assertThat(get("/repositories/" + name).status()).isEqualTo(404);
        assertThat(ecr("CreateRepository", "{\"repositoryName\":\"" + name + "\",\"imageScanningConfiguration\":{\"scanOnPush\":true},"
                + "\"encryptionConfiguration\":{\"encryptionType\":\"KMS\"}}").status()).isEqualTo(200);
    }

    @Test
    void restCursorsThatNoPageGaveAreRefused() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        for (int i = 0; i < 3; i++) {
            push(name, "t" + i, manifest(name + i));
        }
        String tagsCursor = get("/repositories/" + name + "/-/tags?limit=1").json().get("nextCursor").asText();
        String imagesCursor = get("/repositories/" + name + "/-/images?limit=1").json().get("nextCursor").asText();
        assertThat(get("/repositories/" + name + "/-/tags?limit=1&cursor=" + tagsCursor).status()).isEqualTo(200);

        String random = Base64.getUrlEncoder().withoutPadding().encodeToString("t9".getBytes(StandardCharsets.UTF_8));
        String tampered = tagsCursor.substring(0, 2) + (tagsCursor.charAt(2) == 'A' ? 'B' : 'A') + tagsCursor.substring(3);
        for (String cursor : List.of(random, tampered, tagsCursor.substring(0, tagsCursor.length() - 2), imagesCursor, "%20")) {
            assertRestRefused(() -> get("/repositories/" + name + "/-/tags?limit=1&cursor=" + cursor), 400, "InvalidParameterException", "cursor");
        }
        String auditCursor = get("/audit?repository=" + name + "&limit=1").json().get("nextCursor").asText();
        assertRestRefused(() -> get("/audit?repository=" + name + "&limit=1&type=ImagePushed&cursor=" + auditCursor),
                400, "InvalidParameterException", "cursor");
    }

    @Test
    void ecrNextTokensThatNoPageGaveAreRefused() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        for (int i = 0; i < 3; i++) {
            push(name, "t" + i, manifest(name + "e" + i));
        }
        String token = ecr("DescribeImages", "{\"repositoryName\":\"" + name + "\",\"maxResults\":1}").json().get("nextToken").asText();
        assertThat(ecr("DescribeImages", "{\"repositoryName\":\"" + name + "\",\"maxResults\":1,\"nextToken\":\"" + token + "\"}").status())
                .isEqualTo(200);
        String tampered = token.substring(0, 2) + (token.charAt(2) == 'A' ? 'B' : 'A') + token.substring(3);
        for (String forged : List.of("bm90IGEgdG9rZW4", tampered, token.substring(0, token.length() - 3))) {
            assertEcrRefused(() -> ecr("DescribeImages", "{\"repositoryName\":\"" + name + "\",\"nextToken\":\"" + forged + "\"}"),
                    "InvalidParameterException");
        }
        // Another listing's token: another filter, another operation.
        assertEcrRefused(() -> ecr("DescribeImages", "{\"repositoryName\":\"" + name + "\",\"filter\":{\"tagStatus\":\"TAGGED\"},"
                + "\"nextToken\":\"" + token + "\"}"), "InvalidParameterException");
        assertEcrRefused(() -> ecr("DescribeRepositories", "{\"nextToken\":\"" + token + "\"}"), "InvalidParameterException");
    }

    @Test
    void requestsTomcatRefusesKeepTheRestApisFormatAndCatalogue() {
        String big = "a".repeat(20_000);
        List<Response> answers = List.of(
                raw("GET /repositories/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                raw("GET /repositories/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                raw("GET /repositories HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n"),
                raw("GET /repositories?x=" + big + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                raw("TRACE /repositories HTTP/1.1\r\nHost: localhost\r\nX-Secret: hunter2\r\nConnection: close\r\n\r\n"),
                raw("PATCH /repositories HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
                raw("GET /no/such/route HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                raw("POST /repositories HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab"));
        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).as(answer.toString()).isEqualTo("application/problem+json");
            assertThat(CATALOGUE).as(answer.toString()).contains(answer.json().get("code").asText());
            assertThat(answer.text()).doesNotContain("hunter2").doesNotContain("<html");
        }
    }

    @Test
    void requestsTomcatRefusesKeepTheEcrApisFormat() {
        Response answer = raw("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: " + TARGET + "ListImages\r\nX-Big: "
                + "a".repeat(20_000) + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(answer.json().get("__type").asText()).isEqualTo("InvalidParameterException");
        assertThat(answer.header("X-Amzn-ErrorType")).isEqualTo("InvalidParameterException");
    }

    @Test
    void filtersThatCouldMatchNothingAreRefusedNamingTheMember() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        assertRestRefused(() -> get("/repositories/" + name + "/-/tags?asOf=" + Instant.now().plusSeconds(3600)), 400,
                "InvalidParameterException", "asOf");
        assertRestRefused(() -> get("/repositories/" + name + "?asOf=" + Instant.now().plusSeconds(3600)), 400,
                "InvalidParameterException", "asOf");
        assertRestRefused(() -> get("/audit?type=ImagePushd"), 400, "InvalidParameterException", "type");
        assertRestRefused(() -> get("/audit?repository=Team/App"), 400, "InvalidParameterException", "repository");
        assertRestRefused(() -> get("/audit?outcome=maybe"), 400, "InvalidParameterException", "outcome");
        assertRestRefused(() -> get("/audit?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z"), 400, "InvalidParameterException", "to");
        JsonNode trail = get("/audit?repository=" + name + "&type=RepositoryCreated").json();
        assertThat(trail.get("items")).hasSize(1);
    }
}
