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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker itself against the packaged service: a dockerd of the test's own (no iptables, no bridge; its
 * data root, exec root and socket in a temporary directory) pushes and pulls through {@code /v2/}. docker
 * uploads its own way (PATCH with chunked transfer and no Content-Length) and puts a manifest without
 * checking for it first. {@code bash .ci/run} installs Debian's docker.io; dockerd needs root.
 */
class DockerClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "AKIDDOCKER";
    private static final String SECRET = "docker-secret-for-clients";
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    @TempDir
    static Path work;

    private static ServiceProcess service;
    /** Short: dockerd's sockets live under it, and a socket's path has at most 107 bytes. */
    private static Path daemon;
    private static Process dockerd;

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceProcess(work.resolve("data"), work);
        service.start("--tagledger.security.access-keys[0].id=" + KEY, "--tagledger.security.access-keys[0].secret=" + SECRET,
                "--tagledger.security.access-keys[0].principal=builder", "--tagledger.security.grants[0].principals=builder",
                "--tagledger.security.grants[0].actions=*");
        daemon = Files.createTempDirectory(Path.of("/tmp"), "dk");
        dockerd = new ProcessBuilder("dockerd", "--iptables=false", "--ip6tables=false", "--bridge=none",
                "--data-root", daemon.resolve("data").toString(), "--exec-root", daemon.resolve("exec").toString(),
                "--pidfile", daemon.resolve("dockerd.pid").toString(), "--host", "unix://" + daemon.resolve("docker.sock"))
                .redirectErrorStream(true).redirectOutput(work.resolve("dockerd.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (docker("version").exitCode() != 0) {
            if (!dockerd.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("dockerd did not start: " + Files.readString(work.resolve("dockerd.log")));
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (dockerd != null) {
            dockerd.destroy();
            if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly();
            }
            Commands.run(work, null, Map.of(), "rm", "-rf", daemon.toString());
        }
        service.close();
    }

    private static Run docker(String... arguments) {
        return dockerWith(null, arguments);
    }

    private static Run dockerWith(String input, String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "--host", "unix://" + daemon.resolve("docker.sock")));
        command.addAll(List.of(arguments));
        return Commands.run(work, input, Map.of("DOCKER_CONFIG", work.resolve("docker-config").toString()),
                command.toArray(String[]::new));
    }

    private static String registry() {
        return "127.0.0.1:" + service.port();
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(service.send("GET", path, null, null, "Authorization", AUTHORIZATION).body());
    }

    private static String manifestDigest(String repository, String tag) throws Exception {
        return service.send("HEAD", "/v2/" + repository + "/manifests/" + tag, null, null, "Authorization", AUTHORIZATION)
                .headers().firstValue("Docker-Content-Digest").orElse(null);
    }

    /** Loads an image into the daemon as {@code docker load} does, under the name given. */
    private static void load(String name, Image image) throws IOException {
        Path archive = OciImages.dockerArchive(work.resolve(name.replaceAll("[^a-z0-9]", "-") + ".tar"), name, image);
        Run loaded = docker("load", "--input", archive.toString());
        assertThat(loaded.exitCode()).as(loaded.err()).isZero();
    }

    private static String pushedDigest(Run pushed) {
        Matcher digest = PUSHED_DIGEST.matcher(pushed.out());
        assertThat(digest.find()).as(pushed.out()).isTrue();
        return digest.group(1);
    }

    /**
     * The session the README shows: a template for a prefix, the ECR login, a first push that creates the
     * repository from the template, an overwrite refused as ECR refuses it, and a pull back.
     */
    @Test
    void dockerLogsInAsWithEcrPushesIntoARepositoryATemplateCreatesAndMeetsTagImmutability() throws Exception {
        Map<String, String> aws = Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_CONFIG_FILE", "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent", "AWS_PAGER", "",
                "AWS_EC2_METADATA_DISABLED", "true");
        Run template = Commands.run(work, null, aws, "aws", "ecr", "create-repository-creation-template", "--prefix", "docker",
                "--image-tag-mutability", "IMMUTABLE", "--applied-for", "CREATE_ON_PUSH", "--endpoint-url", "http://" + registry(),
                "--region", "us-east-1");
        assertThat(template.exitCode()).as(template.err()).isZero();
        assertThat(JSON.readTree(template.out()).at("/repositoryCreationTemplate/prefix").asText()).isEqualTo("docker");
        Run password = Commands.run(work, null, aws, "aws", "ecr", "get-login-password", "--endpoint-url", "http://" + registry(),
                "--region", "us-east-1");
        assertThat(password.exitCode()).as(password.err()).isZero();
        String image = registry() + "/docker/app:v1";

        Run login = dockerWith(password.out().strip(), "login", "--username", "AWS", "--password-stdin", registry());
        load(image, OciImages.image("docker-first", "amd64", 300_000, 20_000));
        Run pushed = docker("push", image);
        String first = pushedDigest(pushed);
        docker("rmi", "--force", image);
        load(image, OciImages.image("docker-second", "amd64", 30_000));
        Run overwrite = docker("push", image);
        docker("rmi", "--force", image);
        Run pulled = docker("pull", image);

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains("Login Succeeded");
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        assertThat(get("/repositories/docker/app").get("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
        JsonNode created = get("/repositories/docker/app/-/events").get("items").get(0);
        assertThat(created.get("type").asText()).isEqualTo("RepositoryCreated");
        assertThat(created.at("/payload/creationTemplate").asText()).isEqualTo("docker");
        assertThat(created.at("/metadata/principal").asText()).isEqualTo("builder");
        assertThat(overwrite.exitCode()).isNotZero();
        assertThat(overwrite.err()).contains("tag invalid: The image tag 'v1' already exists in the 'docker/app' repository "
                + "and cannot be overwritten because the repository is immutable.");
        assertThat(manifestDigest("docker/app", "v1")).isEqualTo(first);
        assertThat(pulled.exitCode()).as(pulled.err()).isZero();
        assertThat(pulled.out()).contains(first);
        JsonNode refused = get("/audit?repository=docker/app&outcome=refused").get("items");
        assertThat(refused).singleElement().satisfies(entry -> {
            assertThat(entry.get("errorCode").asText()).isEqualTo("ImageTagAlreadyExistsException");
            assertThat(entry.get("principal").asText()).isEqualTo("builder");
            assertThat(entry.get("userAgent").asText()).contains("docker/");
        });
    }

    @Test
    void aPushToANameThatNoTemplateMatchesFailsWithNameUnknown() throws Exception {
        String image = registry() + "/elsewhere/app:v1";
        assertThat(dockerWith(SECRET, "login", "--username", KEY, "--password-stdin", registry()).exitCode()).isZero();
        load(image, OciImages.image("docker-nowhere", "amd64", 1_000));

        Run refused = docker("push", image);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).containsIgnoringCase("name unknown");
        assertThat(service.send("GET", "/repositories/elsewhere/app", null, null, "Authorization", AUTHORIZATION).statusCode())
                .isEqualTo(404);
    }
}
