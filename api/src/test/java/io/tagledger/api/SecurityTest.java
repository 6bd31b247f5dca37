package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * With identities configured, every API requires authentication, and each action needs a grant: a CI
 * pusher may push to {@code team/*} but never delete; security may read the trail on every repository;
 * only admins may replay. Access keys (SigV4 and HTTP Basic), API tokens and an identity provider's JWTs
 * are the same principals on every API, and the trail names who really did it, denials included.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityTest extends ApiTest {

    private static final String CI_SECRET = "ci-" + random();
    private static final String SECURITY_SECRET = "sec-" + random();
    private static final String ADMIN_SECRET = "admin-" + random();
    private static final String RELEASE_SECRET = "release-" + random();
    private static final String API_TOKEN = "tlk_deploy_" + random();
    private static final RSAKey SIGNING_KEY = rsaKey("issuer-key");
    private static final RSAKey FOREIGN_KEY = rsaKey("issuer-key");
    private static final HttpServer IDENTITY_PROVIDER = identityProvider();

    @DynamicPropertySource
    static void identities(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
        registry.add("tagledger.security.access-keys[0].id", () -> "AKIDCI");
        registry.add("tagledger.security.access-keys[0].secret", () -> CI_SECRET);
        registry.add("tagledger.security.access-keys[0].principal", () -> "ci");
        registry.add("tagledger.security.access-keys[0].groups", () -> "ci");
        registry.add("tagledger.security.access-keys[1].id", () -> "AKIDSECURITY");
        registry.add("tagledger.security.access-keys[1].secret", () -> SECURITY_SECRET);
        registry.add("tagledger.security.access-keys[1].principal", () -> "sec");
        registry.add("tagledger.security.access-keys[1].groups", () -> "security");
        registry.add("tagledger.security.access-keys[2].id", () -> "AKIDADMIN");
        registry.add("tagledger.security.access-keys[2].secret", () -> ADMIN_SECRET);
        registry.add("tagledger.security.access-keys[2].principal", () -> "root");
        registry.add("tagledger.security.access-keys[2].groups", () -> "admins");
        registry.add("tagledger.security.api-tokens[0].id", () -> "deploy");
        registry.add("tagledger.security.api-tokens[0].hash", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(API_TOKEN));
        registry.add("tagledger.security.api-tokens[0].principal", () -> "deploy-bot");
        registry.add("tagledger.security.api-tokens[0].groups", () -> "ci");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + IDENTITY_PROVIDER.getAddress().getPort() + "/jwks");
        registry.add("tagledger.security.grants[0].groups", () -> "ci");
        registry.add("tagledger.security.grants[0].actions", () -> "ecr:CreateRepository,ecr:PutImage,ecr:BatchGetImage,"
                + "ecr:DescribeImages,ecr:ListImages,ecr:DescribeRepositories");
        registry.add("tagledger.security.grants[0].repositories", () -> "team/*");
        registry.add("tagledger.security.grants[1].groups", () -> "security");
        registry.add("tagledger.security.grants[1].actions", () -> "tagledger:ReadAudit,tagledger:VerifyChain,ecr:DescribeRepositories");
        registry.add("tagledger.security.grants[2].groups", () -> "admins");
        registry.add("tagledger.security.grants[2].actions", () -> "*");
        registry.add("tagledger.security.access-keys[3].id", () -> "AKIDRELEASE");
        registry.add("tagledger.security.access-keys[3].secret", () -> RELEASE_SECRET);
        registry.add("tagledger.security.access-keys[3].principal", () -> "rel");
        registry.add("tagledger.security.access-keys[3].groups", () -> "release");
        registry.add("tagledger.security.grants[4].groups", () -> "release");
        registry.add("tagledger.security.grants[4].actions", () -> "ecr:PutImage,ecr:BatchDeleteImage,ecr:BatchGetImage");
        registry.add("tagledger.security.grants[4].repositories", () -> "team/*");
        registry.add("tagledger.security.grants[4].tags", () -> "v*,prod-*");
        registry.add("tagledger.security.grants[3].groups", () -> "pushers");
        registry.add("tagledger.security.grants[3].actions", () -> "ecr:PutImage");
        registry.add("tagledger.security.grants[3].repositories", () -> "team/*");
    }

    @AfterAll
    static void stopIdentityProvider() {
        IDENTITY_PROVIDER.stop(0);
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identity provider's JWK set, served on loopback as an issuer would serve it. */
    private static HttpServer identityProvider() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(SIGNING_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jwt(RSAKey key, String subject, List<String> groups, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().subject(subject).claim("groups", groups).issueTime(new Date())
                            .expirationTime(Date.from(expires)).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response as(String authorization, String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return exchange(request.build());
    }

    private static String ci() {
        return basic("AKIDCI", CI_SECRET);
    }

    private static String security() {
        return basic("AKIDSECURITY", SECURITY_SECRET);
    }

    private static String admin() {
        return basic("AKIDADMIN", ADMIN_SECRET);
    }

    private static String teamRepository() {
        return "team/" + newRepositoryName().replace('/', '-');
    }

    private String createAndPush(String authorization, String name, String tag) {
        assertThat(as(authorization, "POST", "/repositories", "application/json", "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
        Response pushed = as(authorization, "PUT", "/repositories/" + name + "/-/manifests/" + tag, null, manifest(name + tag));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
        return pushed.header("Docker-Content-Digest");
    }

    @Test
    void aRequestWithoutCredentialsGets401AndAChallenge() {
        Response anonymous = as(null, "GET", "/repositories", null, null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer").contains("Basic");
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.json().get("code").asText()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(as(null, "POST", "/repositories", "application/json", "{\"name\":\"team/x\"}").status()).isEqualTo(401);
        Response health = as(null, "GET", "/actuator/health", null, null);
        assertThat(health.status()).as(health.text()).isEqualTo(200);
    }

    @Test
    void wrongCredentialsOfEveryKindGet401() {
        List<String> wrong = List.of(basic("AKIDCI", "not-the-secret"), basic("AKIDNOBODY", CI_SECRET),
                "Bearer " + API_TOKEN + "x", "Bearer tlk_nobody_" + random(), "Bearer tlk_deploy_" + "a".repeat(200),
                "Bearer " + jwt(FOREIGN_KEY, "mallory", List.of("admins"), Instant.now().plusSeconds(300)),
                "Bearer " + jwt(SIGNING_KEY, "late", List.of("admins"), Instant.now().minusSeconds(300)));

        double before = authenticationFailures();
        for (String authorization : wrong) {
            Response refused = as(authorization, "GET", "/repositories", null, null);
            assertThat(refused.status()).as(authorization).isEqualTo(401);
            assertThat(refused.json().get("code").asText()).isEqualTo("UnrecognizedClientException");
            assertThat(refused.header("WWW-Authenticate")).isNotNull();
        }
        assertThat(authenticationFailures()).isEqualTo(before + wrong.size());
    }

    /** As operators read it: the counter of failed authentications, over every API and reason. */
    private double authenticationFailures() {
        Response metric = as(admin(), "GET", "/actuator/metrics/tagledger.authentication.failures", null, null);
        return metric.status() == 404 ? 0 : metric.json().at("/measurements/0/value").asDouble();
    }

    @Test
    void aPushThatWouldCreateItsRepositoryFromATemplateNeedsCreateRepository() {
        String prefix = "team/" + newRepositoryName().replace('/', '-');
        String pusher = "Bearer " + jwt(SIGNING_KEY, "pusher", List.of("pushers"), Instant.now().plusSeconds(300));
        Response template = as(admin(), "POST", "/creation-templates", "application/json",
                "{\"prefix\":\"" + prefix + "\",\"imageTagMutability\":\"IMMUTABLE\",\"appliedFor\":[\"CREATE_ON_PUSH\"]}");
        assertThat(template.status()).as(template.toString()).isEqualTo(201);

        Response denied = as(pusher, "PUT", "/repositories/" + prefix + "/app/-/manifests/v1", null, manifest(prefix + "denied"));
        Response deniedUpload = as(pusher, "POST", "/v2/" + prefix + "/app/blobs/uploads/", null, null);
        Response created = as(ci(), "PUT", "/repositories/" + prefix + "/app/-/manifests/v1", null, manifest(prefix + "ci"));

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("detail").asText()).contains("ecr:CreateRepository");
        assertThat(deniedUpload.status()).isEqualTo(403);
        assertThat(deniedUpload.json().at("/errors/0/code").asText()).isEqualTo("DENIED");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode events = as(admin(), "GET", "/audit?repository=" + prefix + "/app&order=oldest", null, null).json().get("items");
        assertThat(events).extracting(entry -> entry.get("type").asText() + " " + entry.get("principal").asText())
                .containsExactly("AccessDenied pusher", "AccessDenied pusher", "RepositoryCreated ci", "ImagePushed ci");
        assertThat(events.get(2).at("/payload/creationTemplate").asText()).isEqualTo(prefix);
        Response pushedByPusher = as(pusher, "PUT", "/repositories/" + prefix + "/app/-/manifests/v2", null, manifest(prefix + "v2"));
        assertThat(pushedByPusher.status()).as("once it exists, ecr:PutImage is enough").isEqualTo(201);
    }

    /** Only the group release may move or remove v* and prod-* (aws/containers-roadmap#2749), on every API. */
    @Test
    void aGrantsTagsNarrowWhichTagsItsHoldersMayMoveOrRemove() {
        String name = teamRepository();
        String release = basic("AKIDRELEASE", RELEASE_SECRET);
        assertThat(as(admin(), "POST", "/repositories", "application/json", "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
        String latest = as(admin(), "PUT", "/repositories/" + name + "/-/manifests/latest", null, manifest(name + "latest"))
                .header("Docker-Content-Digest");

        Response released = as(release, "PUT", "/repositories/" + name + "/-/manifests/v1", null, manifest(name + "v1"));
        Response prod = as(release, "PUT", "/repositories/" + name + "/-/manifests/prod-eu", null, manifest(name + "v1"));
        Response denied = as(release, "PUT", "/repositories/" + name + "/-/manifests/latest", null, manifest(name + "other"));
        Response deniedOci = as(release, "PUT", "/v2/" + name + "/manifests/latest", "application/vnd.oci.image.manifest.v1+json",
                manifest(name + "other"));
        Response deniedImage = as(release, "DELETE", "/repositories/" + name + "/-/images/" + latest, null, null);

        assertThat(released.status()).as(released.toString()).isEqualTo(201);
        assertThat(prod.status()).isEqualTo(201);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("code").asText()).isEqualTo("AccessDeniedException");
        assertThat(denied.json().get("detail").asText()).isEqualTo("User: arn:aws:iam::000000000000:user/rel is not authorized to "
                + "perform: ecr:PutImage on resource: arn:aws:ecr:us-east-1:000000000000:repository/" + name + " for the image tag 'latest'");
        assertThat(deniedOci.status()).isEqualTo(403);
        assertThat(deniedOci.json().at("/errors/0/code").asText()).isEqualTo("DENIED");
        assertThat(deniedImage.status()).as("an image with a tag the caller may not remove").isEqualTo(403);
        try (EcrClient ecr = EcrApiTest.ecrClient(port, "AKIDRELEASE", RELEASE_SECRET)) {
            var batch = ecr.batchDeleteImage(r -> r.repositoryName(name).imageIds(ImageIdentifier.builder().imageTag("v1").build(),
                    ImageIdentifier.builder().imageTag("latest").build()));
            assertThat(batch.imageIds()).extracting(ImageIdentifier::imageTag).containsExactly("v1");
            assertThat(batch.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.imageId().imageTag()).isEqualTo("latest");
                assertThat(failure.failureCodeAsString()).isEqualTo("AccessDenied");
            });
            assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(name).imageTag("latest").imageManifest(manifest(name + "ecr"))))
                    .isInstanceOfSatisfying(EcrException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        }
        assertThat(as(admin(), "GET", "/repositories/" + name + "/-/tags/latest", null, null).json().get("digest").asText()).isEqualTo(latest);
        JsonNode denials = as(admin(), "GET", "/audit?repository=" + name + "&type=AccessDenied", null, null).json().get("items");
        assertThat(denials).hasSize(5).allSatisfy(entry -> assertThat(entry.get("principal").asText()).isEqualTo("rel"));
    }

    @Test
    void ciMayPushToItsTeamButNeverDeleteAndTheDenialIsInTheTrail() {
        String name = teamRepository();
        String digest = createAndPush(ci(), name, "v1");

        Response deleted = as(ci(), "DELETE", "/repositories/" + name + "/-/images/" + digest, null, null);
        Response elsewhere = as(ci(), "POST", "/repositories", "application/json", "{\"name\":\"other/app\"}");

        assertThat(deleted.status()).isEqualTo(403);
        assertThat(deleted.json().get("code").asText()).isEqualTo("AccessDeniedException");
        assertThat(deleted.json().get("detail").asText()).isEqualTo("User: arn:aws:iam::000000000000:user/ci is not authorized to "
                + "perform: ecr:BatchDeleteImage on resource: arn:aws:ecr:us-east-1:000000000000:repository/" + name);
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(as(admin(), "GET", "/repositories/" + name + "/-/tags/v1", null, null).status()).isEqualTo(200);
        JsonNode denial = await().atMost(Duration.ofSeconds(10)).until(() -> as(security(), "GET",
                "/audit?type=AccessDenied&repository=" + name, null, null).json().get("items"), items -> items.size() == 1).get(0);
        assertThat(denial.get("principal").asText()).isEqualTo("ci");
        assertThat(denial.get("outcome").asText()).isEqualTo("refused");
        assertThat(denial.get("errorCode").asText()).isEqualTo("AccessDeniedException");
        assertThat(denial.get("sourceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(denial.at("/payload/action").asText()).isEqualTo("ecr:BatchDeleteImage");
    }

    /**
     * A manifest held in memory is answered before Spring MVC, yet only to a caller who may pull it: one who
     * may not is refused on both APIs, each refusal recorded once, and an anonymous caller is challenged.
     */
    @Test
    void aManifestHeldInMemoryIsStillRefusedToACallerWhoMayNotPullIt() {
        String name = teamRepository();
        createAndPush(ci(), name, "v1");
        for (String path : List.of("/repositories/" + name + "/-/manifests/v1", "/v2/" + name + "/manifests/v1")) {
            assertThat(as(ci(), "GET", path, null, null).status()).as(path).isEqualTo(200);
            assertThat(as(ci(), "GET", path, null, null).status()).as("%s, now held", path).isEqualTo(200);
        }

        assertThat(as(security(), "GET", "/repositories/" + name + "/-/manifests/v1", null, null).status()).isEqualTo(403);
        assertThat(as(security(), "HEAD", "/v2/" + name + "/manifests/v1", null, null).status()).isEqualTo(403);
        assertThat(as(null, "GET", "/v2/" + name + "/manifests/v1", null, null).status()).isEqualTo(401);

        List<JsonNode> denials = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            denials.clear();
            as(security(), "GET", "/audit?type=AccessDenied&repository=" + name, null, null).json().get("items").forEach(denials::add);
            assertThat(denials).hasSize(2);
        });
        assertThat(denials).allSatisfy(denial -> {
            assertThat(denial.get("principal").asText()).isEqualTo("sec");
            assertThat(denial.at("/payload/action").asText()).isEqualTo("ecr:BatchGetImage");
        });
    }

    @Test
    void theTrailNamesTheAuthenticatedPrincipalAndNeverAClaimedOne() {
        String name = teamRepository();
        assertThat(as(ci(), "POST", "/repositories", "application/json", "{\"name\":\"" + name + "\"}", "X-Actor", "root")
                .status()).isEqualTo(201);

        JsonNode event = as(security(), "GET", "/repositories/" + name + "/-/events", null, null).json().get("items").get(0);
        assertThat(event.at("/metadata/principal").asText()).isEqualTo("ci");
        assertThat(event.at("/metadata").has("claimedBy")).isFalse();
        JsonNode entry = await().atMost(Duration.ofSeconds(10)).until(() -> as(security(), "GET", "/audit?repository=" + name,
                null, null).json().get("items"), items -> items.size() == 1).get(0);
        assertThat(entry.get("principal").asText()).isEqualTo("ci");
        assertThat(entry.has("claimedBy")).isFalse();
    }

    @Test
    void onlySecurityReadsTheTrailAndOnlyAdminsReplay() {
        String name = teamRepository();
        createAndPush(ci(), name, "v1");

        assertThat(as(ci(), "GET", "/audit", null, null).status()).isEqualTo(403);
        assertThat(as(ci(), "GET", "/audit?repository=" + name, null, null).status()).isEqualTo(403);
        assertThat(as(ci(), "GET", "/repositories/" + name + "/-/audit/verify", null, null).status()).isEqualTo(403);
        assertThat(as(security(), "GET", "/audit", null, null).status()).isEqualTo(200);
        assertThat(as(security(), "GET", "/repositories/" + name + "/-/audit/verify", null, null).json().get("verified").asBoolean())
                .isTrue();
        assertThat(as(security(), "PUT", "/repositories/" + name + "/-/manifests/v2", null, manifest("sec")).status()).isEqualTo(403);
        assertThat(as(ci(), "POST", "/admin/projections/history/replay", null, null).status()).isEqualTo(403);
        assertThat(as(security(), "GET", "/admin/projections", null, null).status()).isEqualTo(403);
        assertThat(as(admin(), "POST", "/admin/projections/history/replay", null, null).status()).isEqualTo(202);
    }

    @Test
    void aListingShowsOnlyTheRepositoriesTheCallerMayDescribe() {
        String mine = teamRepository();
        createAndPush(ci(), mine, "v1");
        String theirs = "ops/" + newRepositoryName().replace('/', '-');
        assertThat(as(admin(), "POST", "/repositories", "application/json", "{\"name\":\"" + theirs + "\"}").status()).isEqualTo(201);

        List<String> seenByCi = names(as(ci(), "GET", "/repositories?limit=1000", null, null));
        List<String> seenBySecurity = names(as(security(), "GET", "/repositories?limit=1000", null, null));

        assertThat(seenByCi).contains(mine).doesNotContain(theirs).allMatch(name -> name.startsWith("team/"));
        assertThat(seenBySecurity).contains(mine, theirs);
        assertThat(as(ci(), "GET", "/repositories/" + theirs, null, null).status()).isEqualTo(403);
    }

    private static List<String> names(Response page) {
        return page.json().get("items").findValuesAsText("name");
    }

    @Test
    void anApiTokenIsAPrincipalOfItsOwn() {
        String name = teamRepository();
        createAndPush("Bearer " + API_TOKEN, name, "v1");

        JsonNode event = as(security(), "GET", "/repositories/" + name + "/-/events", null, null).json().get("items").get(1);
        assertThat(event.at("/metadata/principal").asText()).isEqualTo("deploy-bot");
        assertThat(as("Bearer " + API_TOKEN, "DELETE", "/repositories/" + name + "/-/tags/v1", null, null).status()).isEqualTo(403);
    }

    @Test
    void aJwtFromTheIdentityProviderActsAsItsSubjectWithItsGroups() {
        String name = teamRepository();
        createAndPush(ci(), name, "v1");
        String token = "Bearer " + jwt(SIGNING_KEY, "jane@example.com", List.of("security"), Instant.now().plusSeconds(300));

        assertThat(as(token, "GET", "/repositories/" + name + "/-/audit/verify", null, null).status()).isEqualTo(200);
        Response push = as(token, "PUT", "/repositories/" + name + "/-/manifests/v2", null, manifest("jane"));
        assertThat(push.status()).isEqualTo(403);
        assertThat(push.json().get("detail").asText()).startsWith("User: arn:aws:iam::000000000000:user/jane@example.com is not");
    }

    @Test
    void theEcrApiTakesTheSameKeysAndPermissions() {
        String name = teamRepository();
        try (EcrClient ci = EcrApiTest.ecrClient(port, "AKIDCI", CI_SECRET);
             EcrClient unknown = EcrApiTest.ecrClient(port, "AKIDNOBODY", CI_SECRET);
             EcrClient admin = EcrApiTest.ecrClient(port, "AKIDADMIN", ADMIN_SECRET)) {
            ci.createRepository(r -> r.repositoryName(name));
            ci.putImage(r -> r.repositoryName(name).imageTag("v1").imageManifest(manifest(name)));

            assertThatThrownBy(() -> ci.batchDeleteImage(r -> r.repositoryName(name).imageIds(ImageIdentifier.builder().imageTag("v1").build())))
                    .isInstanceOfSatisfying(EcrException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/ci is not "
                                + "authorized to perform: ecr:BatchDeleteImage on resource: arn:aws:ecr:us-east-1:000000000000:repository/" + name);
                    });
            assertThatThrownBy(() -> ci.createRepository(r -> r.repositoryName("ops/" + name)))
                    .isInstanceOfSatisfying(EcrException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
            assertThatThrownBy(() -> unknown.describeRepositories(r -> r.repositoryNames(name)))
                    .isInstanceOfSatisfying(EcrException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
            assertThat(admin.batchDeleteImage(r -> r.repositoryName(name).imageIds(ImageIdentifier.builder().imageTag("v1").build()))
                    .imageIds()).hasSize(1);
            assertThatThrownBy(() -> admin.describeRepositories(r -> r.repositoryNames("team/missing")))
                    .isInstanceOf(RepositoryNotFoundException.class);
        }
        JsonNode events = as(security(), "GET", "/repositories/" + name + "/-/events", null, null).json().get("items");
        // Created and pushed by ci; the admin's untag of the last tag deletes the image too, as in ECR.
        assertThat(events.findValuesAsText("principal")).containsExactly("ci", "ci", "root", "root");
    }

    @Test
    void unsignedEcrRequestsAreRefused() {
        Response unsigned = exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.json().get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
    }

    @Test
    void secretsAppearInNoAnswerNoEventAndNoLog(CapturedOutput output) {
        String name = teamRepository();
        createAndPush("Bearer " + API_TOKEN, name, "v1");
        List<Response> answers = List.of(
                as(basic("AKIDCI", CI_SECRET + "x"), "GET", "/repositories", null, null),
                as("Bearer " + API_TOKEN + "x", "GET", "/repositories", null, null),
                as(ci(), "DELETE", "/repositories/" + name, null, null),
                as(security(), "GET", "/audit?repository=" + name, null, null));
        try (EcrClient wrong = EcrApiTest.ecrClient(port, "AKIDCI", CI_SECRET + "x")) {
            assertThatThrownBy(() -> wrong.describeRepositories(r -> r.repositoryNames(name))).isInstanceOf(EcrException.class);
        }

        List<String> secrets = List.of(CI_SECRET, SECURITY_SECRET, ADMIN_SECRET, API_TOKEN, API_TOKEN.substring(11));
        String stored = String.join("\n", jdbc.query("select payload, meta_data from domain_event_entry",
                (row, i) -> new String(row.getBytes(1), StandardCharsets.UTF_8) + new String(row.getBytes(2), StandardCharsets.UTF_8)));
        String trail = String.join("\n", jdbc.queryForList("select payload from audit_trail", String.class));
        for (String secret : secrets) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(stored).doesNotContain(secret);
            assertThat(trail).doesNotContain(secret);
            answers.forEach(answer -> assertThat(answer.text()).doesNotContain(secret));
        }
        assertThat(output.getAll()).contains("Authentication failed on the rest API").contains("Authentication failed on the ecr API");
    }
}
