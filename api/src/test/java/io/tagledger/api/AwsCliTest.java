package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS CLI itself (botocore's signer, its paging, its error handling) running the README's commands
 * against a server that requires signatures. {@code .ci/run} installs Debian's {@code awscli} where the
 * machine has no {@code aws}; without it this test fails, it does not skip.
 */
@TestPropertySource(properties = {
        "tagledger.security.access-keys[0].id=AKIDEXAMPLE",
        "tagledger.security.access-keys[0].secret=secret",
        "tagledger.security.grants[0].principals=AKIDEXAMPLE",
        "tagledger.security.grants[0].actions=*",
        "tagledger.security.access-keys[1].id=AKIDREADER",
        "tagledger.security.access-keys[1].secret=reader-secret",
        "tagledger.security.access-keys[1].principal=reader",
        "tagledger.security.grants[1].principals=reader",
        "tagledger.security.grants[1].actions=ecr:DescribeRepositories"})
class AwsCliTest extends ApiTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
    }

    private record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + out + err, e);
            }
        }
    }

    @Test
    void theReadmeSessionRunsWithTheAwsCliAndSignedRequests() throws Exception {
        String name = newRepositoryName();
        Path manifest = file("manifest.json", manifest("cli-1"));
        Path other = file("other.json", manifest("cli-2"));

        Run created = aws("secret", "create-repository", "--repository-name", name, "--image-tag-mutability", "IMMUTABLE");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.json().at("/repository/repositoryArn").asText()).isEqualTo("arn:aws:ecr:us-east-1:000000000000:repository/" + name);

        Run pushed = aws("secret", "put-image", "--repository-name", name, "--image-tag", "v1.4.2", "--image-manifest", "file://" + manifest);
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        assertThat(pushed.json().at("/image/imageId/imageTag").asText()).isEqualTo("v1.4.2");

        Run refused = aws("secret", "put-image", "--repository-name", name, "--image-tag", "v1.4.2", "--image-manifest", "file://" + other);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("ImageTagAlreadyExistsException")
                .contains("The image tag 'v1.4.2' already exists in the '" + name + "' repository");

        assertThat(aws("secret", "put-image-tag-mutability", "--repository-name", name, "--image-tag-mutability", "MUTABLE").exitCode()).isZero();
        assertThat(aws("secret", "put-image", "--repository-name", name, "--image-tag", "v1.4.2", "--image-manifest", "file://" + other).exitCode()).isZero();

        JsonNode images = aws("secret", "describe-images", "--repository-name", name).json().get("imageDetails");
        assertThat(images).hasSize(2);
        JsonNode untagged = aws("secret", "list-images", "--repository-name", name, "--filter", "tagStatus=UNTAGGED").json().get("imageIds");
        assertThat(untagged).hasSize(1);

        JsonNode deleted = aws("secret", "batch-delete-image", "--repository-name", name, "--image-ids", "imageTag=v1.4.2", "imageTag=nope").json();
        assertThat(deleted.get("imageIds")).hasSize(1);
        assertThat(deleted.at("/failures/0/failureCode").asText()).isEqualTo("ImageNotFound");
    }

    /** The rest of ECR that teams script against: each command once, as the AWS CLI sends it. */
    @Test
    void lifecyclePoliciesRepositoryPoliciesResourceTagsAndSettingsWorkThroughTheCli() {
        String name = newRepositoryName();
        Run created = aws("secret", "create-repository", "--repository-name", name, "--tags", "Key=team,Value=payments",
                "--image-scanning-configuration", "scanOnPush=true", "--encryption-configuration", "encryptionType=KMS");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.json().at("/repository/imageScanningConfiguration/scanOnPush").asBoolean()).isTrue();
        assertThat(created.json().at("/repository/encryptionConfiguration/encryptionType").asText()).isEqualTo("KMS");
        String arn = created.json().at("/repository/repositoryArn").asText();
        for (int i = 1; i <= 3; i++) {
            Path manifest = file("lifecycle-" + i + ".json", manifest(name + i));
            assertThat(aws("secret", "put-image", "--repository-name", name, "--image-tag", "v" + i, "--image-manifest", "file://" + manifest)
                    .exitCode()).isZero();
        }

        Path policy = file("lifecycle-policy.json", LifecyclePolicyTest.POLICY.replace("dev-*", "v*").replace("\"countNumber\":2", "\"countNumber\":1"));
        Run put = aws("secret", "put-lifecycle-policy", "--repository-name", name, "--lifecycle-policy-text", "file://" + policy);
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(aws("secret", "get-lifecycle-policy", "--repository-name", name).json().get("lifecyclePolicyText").asText())
                .contains("\"v*\"");
        assertThat(aws("secret", "start-lifecycle-policy-preview", "--repository-name", name).json().get("status").asText()).isEqualTo("COMPLETE");
        JsonNode preview = aws("secret", "get-lifecycle-policy-preview", "--repository-name", name).json();
        assertThat(preview.at("/summary/expiringImageTotalCount").asInt()).isEqualTo(2);
        assertThat(preview.get("previewResults")).extracting(result -> result.at("/imageTags/0").asText()).containsExactly("v1", "v2");
        assertThat(aws("secret", "delete-lifecycle-policy", "--repository-name", name).exitCode()).isZero();
        Run missing = aws("secret", "get-lifecycle-policy", "--repository-name", name);
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("LifecyclePolicyNotFoundException");

        assertThat(aws("secret", "tag-resource", "--resource-arn", arn, "--tags", "Key=cost-center,Value=42").exitCode()).isZero();
        assertThat(aws("secret", "untag-resource", "--resource-arn", arn, "--tag-keys", "team").exitCode()).isZero();
        assertThat(aws("secret", "list-tags-for-resource", "--resource-arn", arn).json().get("tags"))
                .extracting(tag -> tag.get("Key").asText() + "=" + tag.get("Value").asText()).containsExactly("cost-center=42");

        String pull = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"readers pull\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/reader\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:DescribeImages\"]}]}";
        assertThat(awsAs("AKIDREADER", "reader-secret", "describe-images", "--repository-name", name).exitCode()).isNotZero();
        Run set = aws("secret", "set-repository-policy", "--repository-name", name, "--policy-text", pull);
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(aws("secret", "get-repository-policy", "--repository-name", name).json().get("policyText").asText()).isEqualTo(pull);
        assertThat(awsAs("AKIDREADER", "reader-secret", "describe-images", "--repository-name", name).json().get("imageDetails")).hasSize(3);
        Run conditional = aws("secret", "set-repository-policy", "--repository-name", name, "--policy-text",
                pull.replace("]}]}", "],\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}]}"));
        assertThat(conditional.err()).contains("InvalidParameterException", "'Condition' is not evaluated");
        assertThat(aws("secret", "delete-repository-policy", "--repository-name", name).exitCode()).isZero();

        assertThat(aws("secret", "put-image-scanning-configuration", "--repository-name", name, "--image-scanning-configuration",
                "scanOnPush=false").json().at("/imageScanningConfiguration/scanOnPush").asBoolean()).isFalse();
        assertThat(aws("secret", "describe-registry").json().get("registryId").asText()).isEqualTo("000000000000");
    }

    @Test
    void theCliPagesThroughEveryRepositoryWithSignedNextTokens() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = newRepositoryName();
            assertThat(aws("secret", "create-repository", "--repository-name", name).exitCode()).isZero();
            names.add(name);
        }
        // --page-size 1: the CLI follows nextToken until there is none.
        Run listed = aws("secret", "describe-repositories", "--page-size", "1");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        List<String> found = new ArrayList<>();
        listed.json().get("repositories").forEach(repository -> found.add(repository.get("repositoryName").asText()));
        assertThat(found).containsAll(names).doesNotHaveDuplicates();
    }

    @Test
    void aWrongSecretIsRefusedByTheCliWithInvalidSignature() {
        long events = storedEvents();
        Run refused = aws("not-the-secret", "create-repository", "--repository-name", newRepositoryName());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("InvalidSignatureException");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void anActionThatIsNotGrantedIsDeniedAsEcrDeniesIt() {
        String name = newRepositoryName();
        assertThat(aws("secret", "create-repository", "--repository-name", name).exitCode()).isZero();

        Run described = awsAs("AKIDREADER", "reader-secret", "describe-repositories", "--repository-names", name);
        Run deleted = awsAs("AKIDREADER", "reader-secret", "delete-repository", "--repository-name", name);

        assertThat(described.exitCode()).as(described.err()).isZero();
        assertThat(deleted.exitCode()).isNotZero();
        assertThat(deleted.err()).contains("AccessDeniedException").contains("User: arn:aws:iam::000000000000:user/reader is not "
                + "authorized to perform: ecr:DeleteRepository on resource: arn:aws:ecr:us-east-1:000000000000:repository/" + name);
        assertThat(aws("secret", "describe-repositories", "--repository-names", name).exitCode()).isZero();
    }

    private Run aws(String secret, String... command) {
        return awsAs("AKIDEXAMPLE", secret, command);
    }

    private Run awsAs(String accessKeyId, String secret, String... command) {
        List<String> line = new ArrayList<>(List.of("aws", "ecr"));
        line.addAll(List.of(command));
        line.addAll(List.of("--endpoint-url", "http://localhost:" + port, "--region", "us-east-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(line);
        Map<String, String> environment = builder.environment();
        environment.put("AWS_ACCESS_KEY_ID", accessKeyId);
        environment.put("AWS_SECRET_ACCESS_KEY", secret);
        environment.remove("AWS_SESSION_TOKEN");
        environment.remove("AWS_PROFILE");
        environment.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
        environment.put("AWS_PAGER", "");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("The AWS CLI ('aws') must be installed: bash .ci/run installs Debian's awscli", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path file(String name, String content) {
        try {
            Path directory = Files.createTempDirectory("tagledger-cli");
            return Files.writeString(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
