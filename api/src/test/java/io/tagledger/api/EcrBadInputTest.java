package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input over raw HTTP on the ECR API: the right 400 code in ECR's format, and nothing written. */
class EcrBadInputTest extends ApiTest {

    private static final String PREFIX = "AmazonEC2ContainerRegistry_V20150921.";

    private Response ecr(String target, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return exchange(request.build());
    }

    private JsonNode assertError(String target, String body, String code) {
        long events = storedEvents();
        Response response = ecr(target, body);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(response.header("X-Amzn-ErrorType")).isEqualTo(code);
        assertThat(response.header("x-amzn-RequestId")).isNotBlank();
        JsonNode error = response.json();
        assertThat(error.get("__type").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("\tat ");
        assertThat(storedEvents()).as("events written by a refused request").isEqualTo(events);
        return error;
    }

    @Test
    void malformedJsonIsASerializationException() {
        assertError(PREFIX + "CreateRepository", "{\"repositoryName\":", "SerializationException");
        assertError(PREFIX + "CreateRepository", "[\"team/app\"]", "SerializationException");
    }

    @Test
    void anUnknownOrMissingTargetIsAnUnknownOperation() {
        assertError(PREFIX + "DeleteEverything", "{}", "UnknownOperationException");
        assertError("SomeOtherService_20200101.CreateRepository", "{}", "UnknownOperationException");
        assertError(null, "{\"repositoryName\":\"team/app\"}", "UnknownOperationException");
    }

    @Test
    void membersOfTheWrongTypeAreASerializationException() {
        assertError(PREFIX + "CreateRepository", "{\"repositoryName\": 5}", "SerializationException");
        assertError(PREFIX + "DeleteRepository", "{\"repositoryName\": \"team/x\", \"force\": \"yes\"}", "SerializationException");
        assertError(PREFIX + "ListImages", "{\"repositoryName\": \"team/x\", \"maxResults\": \"10\"}", "SerializationException");
        assertError(PREFIX + "BatchGetImage", "{\"repositoryName\": \"team/x\", \"imageIds\": {\"imageTag\": \"v1\"}}",
                "SerializationException");
    }

    @Test
    void anEmptyBodyMeansNoMembers() {
        JsonNode error = assertError(PREFIX + "CreateRepository", "", "InvalidParameterException");
        assertThat(error.get("message").asText())
                .isEqualTo("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'Member must not be null'");
        assertThat(ecr(PREFIX + "DescribeRepositories", "").status()).isEqualTo(200);
    }

    @Test
    void overLongOrMalformedNamesAreInvalidParameters() {
        JsonNode error = assertError(PREFIX + "CreateRepository", "{\"repositoryName\":\"" + "a".repeat(257) + "\"}",
                "InvalidParameterException");
        assertThat(error.get("message").asText())
                .isEqualTo("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'Member must have length between 2 and 256'");
        assertError(PREFIX + "CreateRepository", "{\"repositoryName\":\"tesT\"}", "InvalidParameterException");
        assertError(PREFIX + "PutImage", "{\"repositoryName\":\"team/app\",\"imageManifest\":\"{}\",\"imageTag\":\"" + "t".repeat(301) + "\"}",
                "InvalidParameterException");
    }

    @Test
    void anUnknownMutabilityIsAnInvalidParameterWithEcrsWording() {
        JsonNode error = assertError(PREFIX + "CreateRepository", "{\"repositoryName\":\"team/enum\",\"imageTagMutability\":\"INVALID\"}",
                "InvalidParameterException");
        assertThat(error.get("message").asText()).isEqualTo("Invalid parameter at 'imageTagMutability' failed to satisfy constraint: "
                + "'Member must satisfy enum value set: [MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]'");
    }

    @Test
    void exclusionFiltersThatDoNotFitAreInvalidParameters() {
        String create = "{\"repositoryName\":\"team/filters\",\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\","
                + "\"imageTagMutabilityExclusionFilters\":";
        assertError(PREFIX + "CreateRepository", create + "[]}", "InvalidParameterException");
        assertError(PREFIX + "CreateRepository", create + "[{\"filterType\":\"REGEX\",\"filter\":\"dev.*\"}]}", "InvalidParameterException");
        assertError(PREFIX + "CreateRepository", create + "[{\"filterType\":\"WILDCARD\",\"filter\":\"dev/*\"}]}", "InvalidParameterException");
        assertError(PREFIX + "CreateRepository", "{\"repositoryName\":\"team/filters\",\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\"}",
                "InvalidParameterException");
        assertError(PREFIX + "CreateRepository", "{\"repositoryName\":\"team/filters\",\"imageTagMutability\":\"IMMUTABLE\","
                + "\"imageTagMutabilityExclusionFilters\":[{\"filterType\":\"WILDCARD\",\"filter\":\"dev*\"}]}", "InvalidParameterException");
    }

    @Test
    void listSizesAndPageSizesAreChecked() {
        String name = newRepositoryName();
        assertThat(ecr(PREFIX + "CreateRepository", "{\"repositoryName\":\"" + name + "\"}").status()).isEqualTo(200);
        assertError(PREFIX + "BatchGetImage", "{\"repositoryName\":\"" + name + "\",\"imageIds\":[]}", "InvalidParameterException");
        assertError(PREFIX + "BatchDeleteImage", "{\"repositoryName\":\"" + name + "\",\"imageIds\":["
                + "{\"imageTag\":\"a\"},".repeat(100) + "{\"imageTag\":\"b\"}]}", "InvalidParameterException");
        assertError(PREFIX + "DescribeRepositories", "{\"maxResults\":1001}", "InvalidParameterException");
        assertError(PREFIX + "DescribeImages", "{\"repositoryName\":\"" + name + "\",\"filter\":{\"tagStatus\":\"SOME\"}}",
                "InvalidParameterException");
        assertError(PREFIX + "ListImages", "{\"repositoryName\":\"" + name + "\",\"nextToken\":\"not-a-token\"}", "InvalidParameterException");
        assertError(PREFIX + "DescribeRepositories", "{\"registryId\":\"12345\"}", "InvalidParameterException");
    }

    @Test
    void aManifestThatIsNotJsonIsAnInvalidParameter() {
        String name = newRepositoryName();
        assertThat(ecr(PREFIX + "CreateRepository", "{\"repositoryName\":\"" + name + "\"}").status()).isEqualTo(200);
        assertError(PREFIX + "PutImage", "{\"repositoryName\":\"" + name + "\",\"imageTag\":\"v1\",\"imageManifest\":\"not json\","
                + "\"imageManifestMediaType\":\"application/vnd.oci.image.manifest.v1+json\"}", "InvalidParameterException");
        assertError(PREFIX + "PutImage", "{\"repositoryName\":\"" + name + "\",\"imageTag\":\"v1\"}", "InvalidParameterException");
    }

    @Test
    void successfulResponsesUseTheAwsJsonContentTypeARequestIdAndPlainEpochSeconds() {
        String name = newRepositoryName();
        Response response = ecr(PREFIX + "CreateRepository", "{\"repositoryName\":\"" + name + "\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(response.header("x-amzn-RequestId")).isNotBlank();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).containsPattern("\"createdAt\":\\d{10}\\.\\d{3}[,}]");
    }
}
