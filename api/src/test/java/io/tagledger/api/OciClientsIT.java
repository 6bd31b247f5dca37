package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.api.Commands.Run;
import io.tagledger.api.OciImages.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real registry clients against the packaged service, as a user runs them: skopeo and podman push OCI
 * layouts, docker archives and multi-arch indexes with an access key (HTTP Basic), pull them back byte
 * for byte, and meet tag immutability as ECR users know it. Every push and refusal is in the audit
 * trail with its principal. {@code bash .ci/run} installs Debian's skopeo and podman.
 */
class OciClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "AKIDCI";
    private static final String SECRET = "ci-secret-for-clients";
    private static final String CREDS = KEY + ":" + SECRET;
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(CREDS.getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path work;

    private static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceProcess(work.resolve("data"), work);
        service.start("--tagledger.security.access-keys[0].id=" + KEY, "--tagledger.security.access-keys[0].secret=" + SECRET,
                "--tagledger.security.access-keys[0].principal=ci", "--tagledger.security.grants[0].principals=ci",
                "--tagledger.security.grants[0].actions=*");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Run run(String... command) {
        return runWith(null, Map.of(), command);
    }

    private static Run runWith(String input, Map<String, String> environment, String... command) {
        return Commands.run(work, input, environment, command);
    }

    private static String registry() {
        return "127.0.0.1:" + service.port();
    }

    private static String createRepository(String name, String mutability) throws Exception {
        assertThat(service.send("POST", "/repositories", "application/json",
                "{\"name\":\"" + name + "\",\"imageTagMutability\":\"" + mutability + "\"}", "Authorization", AUTHORIZATION).statusCode())
                .isEqualTo(201);
        return name;
    }

    private static Run skopeoCopy(String source, String destination, String... options) {
        List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false"));
        command.addAll(List.of(options));
        command.addAll(List.of(source, destination));
        return run(command.toArray(String[]::new));
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static String manifestDigest(String repository, String tag) throws Exception {
        return service.send("HEAD", "/v2/" + repository + "/manifests/" + tag, null, null, "Authorization", AUTHORIZATION)
                .headers().firstValue("Docker-Content-Digest").orElse(null);
    }

    private static List<JsonNode> trail(String repository, String outcome) throws Exception {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<JsonNode> entries = new ArrayList<>();
            json(service.send("GET", "/audit?repository=" + repository + "&outcome=" + outcome, null, null,
                    "Authorization", AUTHORIZATION).body()).get("items").forEach(entries::add);
            return entries;
        }, entries -> !entries.isEmpty());
    }

    @Test
    void skopeoPushesALayoutAndADockerArchiveAndPullsThemBackByteForByte() throws Exception {
        String repository = createRepository("clients/skopeo", "IMMUTABLE");
        Image image = OciImages.image("skopeo-layout", "amd64", 40_000, 3_000);
        Path layout = OciImages.layout(work.resolve("skopeo-layout"), "v1", image);
        Path archive = OciImages.dockerArchive(work.resolve("skopeo.tar"), "clients/skopeo:v2",
                OciImages.image("skopeo-archive", "amd64", 5_000));

        Run pushed = skopeoCopy("oci:" + layout + ":v1", "docker://" + registry() + "/" + repository + ":v1", "--dest-creds", CREDS);
        Run archived = skopeoCopy("docker-archive:" + archive, "docker://" + registry() + "/" + repository + ":v2", "--dest-creds", CREDS);
        Path pulled = work.resolve("skopeo-pulled");
        Run pull = skopeoCopy("docker://" + registry() + "/" + repository + ":v1", "oci:" + pulled + ":v1", "--src-creds", CREDS);

        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        assertThat(archived.exitCode()).as(archived.err()).isZero();
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        assertThat(manifestDigest(repository, "v1")).isEqualTo(image.manifest().digest());
        assertThat(manifestDigest(repository, "v2")).isNotNull();
        for (OciImages.Blob blob : image.blobs()) {
            assertThat(pulled.resolve("blobs/sha256/" + blob.digest().substring(7))).hasBinaryContent(blob.bytes());
        }
        assertThat(pulled.resolve("blobs/sha256/" + image.manifest().digest().substring(7))).hasBinaryContent(image.manifest().bytes());
        assertThat(trail(repository, "accepted")).filteredOn(entry -> entry.get("type").asText().equals("ImagePushed"))
                .hasSize(2).allSatisfy(entry -> {
                    assertThat(entry.get("principal").asText()).isEqualTo("ci");
                    assertThat(entry.get("api").asText()).isEqualTo("oci");
                    assertThat(entry.get("userAgent").asText()).startsWith("skopeo/");
                });
    }

    @Test
    void aSecondPushOfAnImmutableTagFailsWithTagInvalidChangesNothingAndIsInTheTrail() throws Exception {
        String repository = createRepository("clients/immutable", "IMMUTABLE");
        Image first = OciImages.image("first-push", "amd64", 2_000);
        Image second = OciImages.image("second-push", "amd64", 2_000);
        String destination = "docker://" + registry() + "/" + repository + ":v1";
        assertThat(skopeoCopy("oci:" + OciImages.layout(work.resolve("first"), "v1", first) + ":v1", destination, "--dest-creds", CREDS)
                .exitCode()).isZero();

        Run refused = skopeoCopy("oci:" + OciImages.layout(work.resolve("second"), "v1", second) + ":v1", destination, "--dest-creds", CREDS);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("tag invalid: The image tag 'v1' already exists in the '" + repository
                + "' repository and cannot be overwritten because the repository is immutable.");
        assertThat(manifestDigest(repository, "v1")).isEqualTo(first.manifest().digest());
        assertThat(trail(repository, "refused")).allSatisfy(entry -> {
            assertThat(entry.get("errorCode").asText()).isEqualTo("ImageTagAlreadyExistsException");
            assertThat(entry.get("principal").asText()).isEqualTo("ci");
        });
    }

    /** A CI pipeline that runs again pushes the same image under the same immutable tag: accepted where the repository says so. */
    @Test
    void aRerunPushOfTheSameImageIsAcceptedWhereTheRepositoryAcceptsATagsDigestAgain() throws Exception {
        String repository = "clients/rerun";
        assertThat(service.send("POST", "/repositories", "application/json", "{\"name\":\"" + repository
                + "\",\"imageTagMutability\":\"IMMUTABLE\",\"imageTagRepush\":\"ACCEPT_SAME_DIGEST\"}", "Authorization", AUTHORIZATION)
                .statusCode()).isEqualTo(201);
        Image image = OciImages.image("rerun", "amd64", 3_000);
        String source = "oci:" + OciImages.layout(work.resolve("rerun"), "v1", image) + ":v1";
        String destination = "docker://" + registry() + "/" + repository + ":v1";

        Run first = skopeoCopy(source, destination, "--dest-creds", CREDS);
        Run again = skopeoCopy(source, destination, "--dest-creds", CREDS);
        Run other = skopeoCopy("oci:" + OciImages.layout(work.resolve("rerun-other"), "v1", OciImages.image("rerun-other", "amd64", 3_000))
                + ":v1", destination, "--dest-creds", CREDS);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(other.exitCode()).isNotZero();
        assertThat(other.err()).contains("tag invalid: The image tag 'v1' already exists");
        assertThat(manifestDigest(repository, "v1")).isEqualTo(image.manifest().digest());
        assertThat(trail(repository, "accepted")).filteredOn(entry -> entry.get("type").asText().equals("ImagePushed")).hasSize(1);
    }

    /** A sealed tag, deleted to free storage, refuses other content for ever, and takes its own again. */
    @Test
    void aSealedTagThatWasDeletedRefusesOtherContentFromSkopeoAndTakesItsOwnAgain() throws Exception {
        String repository = "clients/sealed";
        assertThat(service.send("POST", "/repositories", "application/json", "{\"name\":\"" + repository
                + "\",\"imageTagMutability\":\"IMMUTABLE\",\"tagProtection\":\"SEALED\"}", "Authorization", AUTHORIZATION)
                .statusCode()).isEqualTo(201);
        Image image = OciImages.image("sealed", "amd64", 2_000);
        String source = "oci:" + OciImages.layout(work.resolve("sealed"), "v1", image) + ":v1";
        String destination = "docker://" + registry() + "/" + repository + ":v1";
        assertThat(skopeoCopy(source, destination, "--dest-creds", CREDS).exitCode()).isZero();
        assertThat(service.send("DELETE", "/repositories/" + repository + "/-/tags/v1", null, null, "Authorization", AUTHORIZATION)
                .statusCode()).isEqualTo(204);

        Run other = skopeoCopy("oci:" + OciImages.layout(work.resolve("sealed-other"), "v1", OciImages.image("sealed-other", "amd64", 2_000))
                + ":v1", destination, "--dest-creds", CREDS);
        Run again = skopeoCopy(source, destination, "--dest-creds", CREDS);

        assertThat(other.exitCode()).isNotZero();
        assertThat(other.err()).contains("tag invalid: The image tag 'v1' is sealed to '" + image.manifest().digest() + "' in the '"
                + repository + "' repository and can never point at other content.");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(manifestDigest(repository, "v1")).isEqualTo(image.manifest().digest());
    }

    @Test
    void podmanPushesAndPullsAndAMutableTagMovesKeepingTheOldImageUntagged() throws Exception {
        String repository = createRepository("clients/podman", "MUTABLE");
        Image first = OciImages.image("podman-one", "amd64", 3_000);
        Image second = OciImages.image("podman-two", "amd64", 3_000);
        String target = registry() + "/" + repository + ":latest";
        for (Image image : List.of(first, second)) {
            Path layout = OciImages.layout(work.resolve("podman-" + image.manifest().digest().substring(7, 19)), "latest", image);
            Run loaded = run("podman", "pull", "oci:" + layout + ":latest");
            assertThat(loaded.exitCode()).as(loaded.err()).isZero();
            String imageId = loaded.out().strip().lines().reduce((a, b) -> b).orElseThrow();
            Run pushed = run("podman", "push", "--tls-verify=false", "--creds", CREDS, imageId, "docker://" + target);
            assertThat(pushed.exitCode()).as(pushed.err()).isZero();
            run("podman", "rmi", "-f", imageId);
        }

        Run pulled = run("podman", "pull", "--tls-verify=false", "--creds", CREDS, target);

        assertThat(pulled.exitCode()).as(pulled.err()).isZero();
        JsonNode images = json(service.send("GET", "/repositories/" + repository + "/-/images", null, null,
                "Authorization", AUTHORIZATION).body()).get("items");
        assertThat(images).hasSize(2);
        assertThat(images.findValues("tags").stream().filter(tags -> tags.isEmpty()).count()).isEqualTo(1);
        JsonNode history = json(service.send("GET", "/repositories/" + repository + "/-/tags/latest/history", null, null,
                "Authorization", AUTHORIZATION).body()).get("periods");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("endedHow").asText()).isEqualTo("moved");
        assertThat(history.get(1).get("movedBy").asText()).isEqualTo("ci");
        run("podman", "rmi", "-f", target);
    }

    /**
     * skopeo --all pushes as docker buildx does: each child by digest, then the index under its tag. Into an
     * immutable repository, a second push under the same tag (the same index, or another) is refused at the
     * index, and leaves nothing tagged that the first did not.
     */
    @Test
    void aMultiArchIndexIsPushedAndPulledWholeAndASecondPushOfItsTagIsRefusedAtTheIndex() throws Exception {
        String repository = createRepository("clients/multiarch", "IMMUTABLE");
        Image index = OciImages.index(OciImages.image("multi-amd64", "amd64", 2_000), OciImages.image("multi-arm64", "arm64", 2_000));
        Image other = OciImages.index(OciImages.image("other-amd64", "amd64", 2_000), OciImages.image("other-arm64", "arm64", 2_000));
        Path layout = OciImages.layout(work.resolve("multi"), "v1", index);
        String destination = "docker://" + registry() + "/" + repository + ":v1";

        Run pushed = skopeoCopy("oci:" + layout + ":v1", destination, "--all", "--dest-creds", CREDS);
        Run again = skopeoCopy("oci:" + layout + ":v1", destination, "--all", "--dest-creds", CREDS);
        Run another = skopeoCopy("oci:" + OciImages.layout(work.resolve("multi-other"), "v1", other) + ":v1", destination, "--all",
                "--dest-creds", CREDS);
        Path pulled = work.resolve("multi-pulled");
        Run pull = skopeoCopy("docker://" + registry() + "/" + repository + ":v1", "oci:" + pulled + ":v1", "--all", "--src-creds", CREDS);

        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        for (Run refused : List.of(again, another)) {
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("tag invalid: The image tag 'v1' already exists in the '" + repository
                    + "' repository and cannot be overwritten because the repository is immutable.");
        }
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        assertThat(manifestDigest(repository, "v1")).isEqualTo(index.manifest().digest());
        for (Image child : index.children()) {
            assertThat(pulled.resolve("blobs/sha256/" + child.manifest().digest().substring(7))).hasBinaryContent(child.manifest().bytes());
        }
        JsonNode tags = json(service.send("GET", "/repositories/" + repository + "/-/tags", null, null, "Authorization", AUTHORIZATION).body())
                .get("items");
        assertThat(tags).extracting(tag -> tag.get("tag").asText() + " " + tag.get("digest").asText())
                .containsExactly("v1 " + index.manifest().digest());
        JsonNode images = json(service.send("GET", "/repositories/" + repository + "/-/images", null, null, "Authorization", AUTHORIZATION)
                .body()).get("items");
        for (Image child : other.children()) {
            assertThat(images).filteredOn(image -> image.get("digest").asText().equals(child.manifest().digest()))
                    .allSatisfy(image -> assertThat(image.get("tags")).as("a child of the refused index").isEmpty());
        }
    }

    @Test
    void theEcrLoginFlowWorksWithTheAwsCliAndPodman() throws Exception {
        String repository = createRepository("clients/ecr-login", "MUTABLE");
        Map<String, String> aws = Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_CONFIG_FILE", "/nonexistent",
                "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent", "AWS_PAGER", "", "AWS_EC2_METADATA_DISABLED", "true");
        Run password = runWith(null, aws, "aws", "ecr", "get-login-password", "--endpoint-url", "http://" + registry(), "--region", "us-east-1");
        assertThat(password.exitCode()).as(password.err()).isZero();
        Path authFile = work.resolve("ecr-auth.json");

        Run login = runWith(password.out().strip(), Map.of(), "podman", "login", "--tls-verify=false", "--authfile", authFile.toString(),
                "--username", "AWS", "--password-stdin", registry());
        Run forged = runWith(password.out().strip() + "x", Map.of(), "podman", "login", "--tls-verify=false", "--authfile",
                work.resolve("forged.json").toString(), "--username", "AWS", "--password-stdin", registry());
        Path layout = OciImages.layout(work.resolve("ecr-login"), "v1", OciImages.image("ecr-login", "amd64", 500));
        Run pushed = skopeoCopy("oci:" + layout + ":v1", "docker://" + registry() + "/" + repository + ":v1", "--authfile", authFile.toString());

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains("Login Succeeded");
        assertThat(forged.exitCode()).isNotZero();
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        assertThat(trail(repository, "accepted")).filteredOn(entry -> entry.get("type").asText().equals("ImagePushed"))
                .singleElement().satisfies(entry -> assertThat(entry.get("principal").asText()).isEqualTo("ci"));
    }

    @Test
    void anArtifactWithASubjectPushedBySkopeoIsListedAsAReferrer() throws Exception {
        String repository = createRepository("clients/referrers", "MUTABLE");
        Image image = OciImages.image("referred", "amd64", 1_000);
        assertThat(skopeoCopy("oci:" + OciImages.layout(work.resolve("referred"), "v1", image) + ":v1",
                "docker://" + registry() + "/" + repository + ":v1", "--dest-creds", CREDS).exitCode()).isZero();
        Image signature = OciImages.artifact("application/vnd.example.signature", "signed in CI", image.manifest());

        Run pushed = skopeoCopy("oci:" + OciImages.layout(work.resolve("signature"), "sig", signature) + ":sig",
                "docker://" + registry() + "/" + repository + ":sig", "--dest-creds", CREDS);

        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        JsonNode referrers = json(service.send("GET", "/v2/" + repository + "/referrers/" + image.manifest().digest(), null, null,
                "Authorization", AUTHORIZATION).body());
        assertThat(referrers.get("manifests")).singleElement().satisfies(referrer -> {
            assertThat(referrer.get("digest").asText()).isEqualTo(signature.manifest().digest());
            assertThat(referrer.get("artifactType").asText()).isEqualTo("application/vnd.example.signature");
        });
    }

    @Test
    void aPushToARepositoryThatDoesNotExistFailsWithNameUnknown() {
        Path layout = OciImages.layout(work.resolve("nowhere"), "v1", OciImages.image("nowhere", "amd64", 100));

        Run refused = skopeoCopy("oci:" + layout + ":v1", "docker://" + registry() + "/clients/missing:v1", "--dest-creds", CREDS);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).containsIgnoringCase("name unknown");
    }

    @Test
    void withoutCredentialsTheClientIsAskedForThemAndRefused() {
        Path layout = OciImages.layout(work.resolve("anonymous"), "v1", OciImages.image("anonymous", "amd64", 100));

        Run refused = skopeoCopy("oci:" + layout + ":v1", "docker://" + registry() + "/clients/skopeo:anonymous");
        Run wrong = run("skopeo", "login", "--tls-verify=false", "-u", KEY, "-p", "wrong", registry());

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).containsIgnoringCase("unauthorized");
        assertThat(wrong.exitCode()).isNotZero();
    }
}
