package io.tagledger.api;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With credentials configured, every ECR request must carry a valid SigV4 signature by one of them. */
@TestPropertySource(properties = {
        "tagledger.security.access-keys[0].id=AKIDSIGNER",
        "tagledger.security.access-keys[0].secret=the-real-secret",
        "tagledger.security.grants[0].principals=AKIDSIGNER",
        "tagledger.security.grants[0].actions=*"})
class EcrSignatureTest extends ApiTest {

    /** A database of its own: two application contexts on one database would be two nodes sharing one node id. */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
    }

    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "content-length");

    @Test
    void theSdkWithTheConfiguredSecretIsServed() {
        try (EcrClient ecr = EcrApiTest.ecrClient(port, "AKIDSIGNER", "the-real-secret")) {
            String name = newRepositoryName();
            assertThat(ecr.createRepository(r -> r.repositoryName(name)).repository().repositoryName()).isEqualTo(name);
        }
    }

    @Test
    void aWrongSecretIsRefusedWithInvalidSignature() {
        long events = storedEvents();
        try (EcrClient ecr = EcrApiTest.ecrClient(port, "AKIDSIGNER", "a-wrong-secret")) {
            assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName(newRepositoryName())))
                    .isInstanceOfSatisfying(EcrException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void anUnknownAccessKeyIsRefusedAsAnUnrecognizedClient() {
        try (EcrClient ecr = EcrApiTest.ecrClient(port, "AKIDSTRANGER", "the-real-secret")) {
            assertThatThrownBy(() -> ecr.describeRepositories(r -> r.maxResults(1)))
                    .isInstanceOfSatisfying(EcrException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String name = newRepositoryName();
        String signedBody = "{\"repositoryName\":\"" + name + "\"}";
        Map<String, List<String>> headers = sign("CreateRepository", signedBody, "the-real-secret", Instant.now());

        Response tampered = sendSigned("CreateRepository", headers, "{\"repositoryName\":\"" + name + "x\"}");
        Response genuine = sendSigned("CreateRepository", headers, signedBody);

        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.header("X-Amzn-ErrorType")).isEqualTo("InvalidSignatureException");
        assertThat(genuine.status()).as(genuine.text()).isEqualTo(200);
    }

    @Test
    void aSignatureOlderThanFifteenMinutesIsRefused() {
        Map<String, List<String>> headers = sign("DescribeRepositories", "{}", "the-real-secret",
                Instant.now().minus(Duration.ofMinutes(16)));

        Response response = sendSigned("DescribeRepositories", headers, "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(response.json().get("message").asText()).startsWith("Signature expired");
    }

    @Test
    void aRequestWithoutAuthorizationIsRefusedWith403() {
        long events = storedEvents();
        Response response = send("POST", "/", "application/x-amz-json-1.1", "{\"repositoryName\":\"team/unsigned\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void aRequestSignedWithoutContentSha256IsServed() {
        // As botocore (the AWS CLI, boto3) signs: host, x-amz-date and the request's own headers, no x-amz-content-sha256.
        String name = newRepositoryName();
        String body = "{\"repositoryName\":\"" + name + "\"}";
        Map<String, List<String>> headers = signLikeBotocore("CreateRepository", body, "us-east-1");
        assertThat(headers.get("Authorization").get(0)).contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,");

        Response response = sendSigned("CreateRepository", headers, body);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().at("/repository/repositoryName").asText()).isEqualTo(name);
    }

    @Test
    void aSignatureScopedToAnotherRegionIsRefusedAndWritesNothing() {
        long events = storedEvents();
        String body = "{\"repositoryName\":\"" + newRepositoryName() + "\"}";

        Response response = sendSigned("CreateRepository", signLikeBotocore("CreateRepository", body, "eu-west-1"), body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(response.json().get("message").asText()).contains("valid region").contains("us-east-1");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void aCredentialScopeWithAMalformedRegionIsRefusedAndWritesNothing() {
        long events = storedEvents();
        String body = "{\"repositoryName\":\"" + newRepositoryName() + "\"}";
        Map<String, List<String>> headers = new java.util.HashMap<>(signLikeBotocore("CreateRepository", body, "us-east-1"));
        headers.put("Authorization", List.of(headers.get("Authorization").get(0).replace("/us-east-1/", "/evil<us-east-1>\"x/")));

        Response response = sendSigned("CreateRepository", headers, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("__type").asText()).isEqualTo("IncompleteSignatureException");
        assertThat(response.text()).doesNotContain("evil");
        assertThat(storedEvents()).isEqualTo(events);
    }

    /** The SDK's older signer signs exactly the headers a request has, as botocore does. */
    @SuppressWarnings("deprecation")
    private Map<String, List<String>> signLikeBotocore(String operation, String body, String region) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://localhost:" + port + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET + operation)
                .contentStreamProvider(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .build();
        SdkHttpFullRequest signed = software.amazon.awssdk.auth.signer.Aws4Signer.create().sign(request,
                software.amazon.awssdk.auth.signer.params.Aws4SignerParams.builder()
                        .awsCredentials(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDSIGNER", "the-real-secret"))
                        .signingName("ecr")
                        .signingRegion(software.amazon.awssdk.regions.Region.of(region))
                        .build());
        assertThat(signed.headers()).doesNotContainKey("x-amz-content-sha256");
        return signed.headers();
    }

    /** Signs like an SDK would, with the SDK's signer: the test's own client, independent of the server's code. */
    private Map<String, List<String>> sign(String operation, String body, String secret, Instant at) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://localhost:" + port + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET + operation)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIDSIGNER", secret))
                .request(request)
                .payload(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "ecr")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return signed.request().headers();
    }

    private Response sendSigned(String operation, Map<String, List<String>> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, values) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return exchange(request.build());
    }
}
