package io.tagledger.api;

import io.tagledger.api.OciImages.Image;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * With {@code tagledger.blobs.require-referenced}, the ECR and REST APIs refuse manifests whose blobs or
 * child manifests are not in the repository, as ECR does; abandoned uploads expire.
 */
@TestPropertySource(properties = {"tagledger.blobs.require-referenced=true", "tagledger.blobs.upload-expiry=2s"})
class BlobRulesTest extends ApiTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
    }

    @Test
    void aManifestWhoseLayersAreNotThereIsRefusedAsEcrRefusesIt() {
        String name = newRepositoryName();
        Image image = OciImages.image("unreferenced", "amd64", 100);
        Image index = OciImages.index(OciImages.image("absent-child", "arm64", 100));
        try (EcrClient ecr = EcrApiTest.ecrClient(port, "AKIDRULES", "secret")) {
            ecr.createRepository(r -> r.repositoryName(name));

            assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(name).imageTag("v1")
                    .imageManifest(new String(image.manifest().bytes(), StandardCharsets.UTF_8))))
                    .isInstanceOf(LayersNotFoundException.class)
                    .hasMessageContaining("Layers with digests '[" + image.blobs().get(0).digest())
                    .hasMessageContaining("in the registry with id '000000000000'");
            assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(name).imageTag("multi")
                    .imageManifest(new String(index.manifest().bytes(), StandardCharsets.UTF_8))))
                    .isInstanceOf(ReferencedImagesNotFoundException.class);
        }
        Response rest = send("PUT", "/repositories/" + name + "/-/manifests/v1", OciImages.OCI_MANIFEST, image.manifest().bytes());
        assertThat(rest.status()).isEqualTo(400);
        assertThat(rest.json().get("code").asText()).isEqualTo("LayersNotFoundException");
    }

    @Test
    void anUploadNobodyWritesToExpires() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String location = send("POST", "/v2/" + name + "/blobs/uploads/", null, null).header("Location");
        assertThat(get(location).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Response gone = exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + location)).build());
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.json().at("/errors/0/code").asText()).isEqualTo("BLOB_UPLOAD_UNKNOWN");
        });
    }
}
