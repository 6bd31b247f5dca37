package io.tagledger.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger never loses or bends a fact under load: many writers race over the REST, ECR and OCI APIs, then every
 * projection is compared with the event store, entry by entry. Each repetition is a new round on the
 * same store, so later rounds also check that earlier facts stayed put.
 */
class LedgerIntegrityTest extends ApiTest {

    private static final int WRITERS = 12;
    private static final int REQUESTS_PER_WRITER = 40;
    private static final int REPOSITORIES = 6;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        // The whole store is compared with the whole trail: no other test's events may be in it.
        useOwnDatabase(registry);
    }

    private EcrClient ecr;

    @BeforeEach
    void connect() {
        ecr = EcrApiTest.ecrClient(port, "AKIDRACER", "any-secret");
    }

    @AfterEach
    void disconnect() {
        ecr.close();
    }

    @RepeatedTest(3)
    void everyProjectionAgreesWithTheEventStoreAfterConcurrentWritersOnBothApis() throws Exception {
        List<String> repositories = new ArrayList<>();
        for (int i = 0; i < REPOSITORIES; i++) {
            String name = newRepositoryName();
            createRepository(name, i % 2 == 0 ? "IMMUTABLE" : "MUTABLE");
            repositories.add(name);
        }

        runWriters(repositories);
        LedgerCheck ledger = ledgerCheck();
        ledger.awaitProjectionsAtHead();
        for (String api : List.of("rest", "ecr", "oci")) {
            assertThat(ledger.ndjson("/audit?order=oldest&type=ImagePushed")).as("pushes over " + api)
                    .anyMatch(line -> line.contains("\"api\":\"" + api + "\""));
        }

        ledger.assertAuditTrailMatchesEventStore();
        for (String repository : repositories) {
            ledger.assertViewsMatchEventStream(repository);
            ledger.assertTagHistoriesMatchEventStream(repository);
        }
    }

    private enum Api { REST, ECR, OCI }

    /** One image per seed, the same however often asked: an OCI push uploads its blobs, the other APIs need none. */
    private final Map<String, OciImages.Image> images = new ConcurrentHashMap<>();

    private OciImages.Image imageOf(String seed) {
        return images.computeIfAbsent(seed, s -> OciImages.image(s, "amd64", 64));
    }

    /** Distinct tags, contended shared tags (refused when immutable), untags and deletes, on REST, ECR and OCI. */
    private void runWriters(List<String> repositories) throws Exception {
        List<Integer> requests = Race.of(WRITERS, writer -> {
            int sent = 0;
            for (int i = 0; i < REQUESTS_PER_WRITER; i++) {
                String repository = repositoryOf(repositories, writer, i);
                String seed = repository + "-w" + writer + "-" + i;
                Api api = Api.values()[(writer + i) % 3];
                switch (i % 5) {
                    case 0, 1 -> pushOver(api, repository, "w" + writer + "-" + i, seed);
                    case 2 -> pushOver(api, repository, "shared-" + (i % 3), seed);
                    // The tag this writer pushed two requests ago, and the image it pushed four ago.
                    case 3 -> untagOver(api, repositoryOf(repositories, writer, i - 2), "w" + writer + "-" + (i - 2));
                    default -> {
                        String earlier = repositoryOf(repositories, writer, i - 4);
                        delete("/repositories/" + earlier + "/-/images/" + imageOf(earlier + "-w" + writer + "-" + (i - 4)).manifest().digest());
                    }
                }
                sent++;
            }
            return sent;
        });
        assertThat(requests).containsOnly(REQUESTS_PER_WRITER);
    }

    private static String repositoryOf(List<String> repositories, int writer, int request) {
        return repositories.get((writer + request) % repositories.size());
    }

    private void pushOver(Api api, String repository, String tag, String seed) {
        OciImages.Image image = imageOf(seed);
        String manifest = new String(image.manifest().bytes(), StandardCharsets.UTF_8);
        switch (api) {
            case REST -> {
                Response response = push(repository, tag, manifest);
                assertThat(response.status()).as(response.toString()).isIn(201, 409);
            }
            case ECR -> {
                try {
                    ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest));
                } catch (EcrException refused) {
                    assertThat(refused.statusCode()).as(refused.getMessage()).isEqualTo(400);
                }
            }
            case OCI -> {
                for (OciImages.Blob blob : image.blobs()) {
                    Response uploaded = send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + blob.digest(),
                            "application/octet-stream", blob.bytes());
                    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
                }
                Response response = send("PUT", "/v2/" + repository + "/manifests/" + tag, OciImages.OCI_MANIFEST, image.manifest().bytes());
                assertThat(response.status()).as(response.toString()).isIn(201, 400);
            }
        }
    }

    private void untagOver(Api api, String repository, String tag) {
        switch (api) {
            case REST -> assertThat(delete("/repositories/" + repository + "/-/tags/" + tag).status()).isIn(204, 404, 409);
            case ECR -> ecr.batchDeleteImage(r -> r.repositoryName(repository).imageIds(id -> id.imageTag(tag)));
            case OCI -> assertThat(send("DELETE", "/v2/" + repository + "/manifests/" + tag, null, null).status()).isIn(202, 404);
        }
    }

}
