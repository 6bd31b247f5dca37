package io.tagledger.api;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each error is worded once, in the catalogue: both APIs say the same refusal with the same words and
 * the same code, each in its own format, naming members as it names them, and the registry where it
 * has one.
 */
class ErrorCatalogueTest extends ApiTest {

    private Response ecr(String operation, String body) {
        return exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    @Test
    void aMissingRepositoryIsWordedAlikeOnBothApisAndEcrNamesTheRegistry() {
        String name = newRepositoryName();

        Response rest = get("/repositories/" + name);
        Response ecr = ecr("DescribeRepositories", "{\"repositoryNames\":[\"" + name + "\"]}");

        assertThat(rest.status()).isEqualTo(404);
        assertThat(rest.json().get("code").asText()).isEqualTo("RepositoryNotFoundException");
        assertThat(rest.json().get("detail").asText()).isEqualTo("The repository with name '" + name + "' does not exist");
        assertThat(ecr.status()).isEqualTo(400);
        assertThat(ecr.json().get("__type").asText()).isEqualTo("RepositoryNotFoundException");
        assertThat(ecr.header("X-Amzn-ErrorType")).isEqualTo("RepositoryNotFoundException");
        assertThat(ecr.json().get("message").asText())
                .isEqualTo(rest.json().get("detail").asText() + " in the registry with id '000000000000'");
    }

    @Test
    void anInvalidMemberIsWordedAlikeAndEachApiNamesItsOwnMember() {
        Response rest = postJson("/repositories", "{\"name\":\"Team/App\"}");
        Response ecr = ecr("CreateRepository", "{\"repositoryName\":\"Team/App\"}");

        assertThat(rest.status()).isEqualTo(400);
        assertThat(rest.json().get("field").asText()).isEqualTo("name");
        String restDetail = rest.json().get("detail").asText();
        String ecrMessage = ecr.json().get("message").asText();
        assertThat(restDetail).startsWith("Invalid parameter at 'name' failed to satisfy constraint: 'Member must satisfy regular expression");
        assertThat(ecrMessage).isEqualTo(restDetail.replace("at 'name'", "at 'repositoryName'"));
        assertThat(ecr.json().get("__type").asText()).isEqualTo(rest.json().get("code").asText()).isEqualTo("InvalidParameterException");
    }

    @Test
    void whatNoOperationServesIsTheSameCodeOnBothApis() {
        Response rest = get("/no-such-resource");
        Response ecr = ecr("NoSuchOperation", "{}");

        assertThat(rest.status()).isEqualTo(404);
        assertThat(rest.json().get("code").asText()).isEqualTo("UnknownOperationException");
        assertThat(ecr.json().get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(ecr.json().get("message").asText()).isEqualTo("Unknown operation AmazonEC2ContainerRegistry_V20150921.NoSuchOperation");
    }
}
