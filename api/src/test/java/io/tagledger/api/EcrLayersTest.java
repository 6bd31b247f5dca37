package io.tagledger.api;

import io.tagledger.api.OciImages.Blob;
import io.tagledger.api.OciImages.Image;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.InvalidLayerException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.UploadNotFoundException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ECR's layer operations, through the AWS SDK, on the same blob store the OCI API uses. */
class EcrLayersTest extends ApiTest {

    private EcrClient ecr;

    @BeforeEach
    void connect() {
        ecr = EcrApiTest.ecrClient(port, "AKIDLAYERS", "any-secret");
    }

    @AfterEach
    void disconnect() {
        ecr.close();
    }

    private String upload(String name, Blob blob) {
        String id = ecr.initiateLayerUpload(r -> r.repositoryName(name)).uploadId();
        byte[] bytes = blob.bytes();
        int half = bytes.length / 2;
        ecr.uploadLayerPart(r -> r.repositoryName(name).uploadId(id).partFirstByte(0L).partLastByte((long) half - 1)
                .layerPartBlob(SdkBytes.fromByteArray(Arrays.copyOfRange(bytes, 0, half))));
        ecr.uploadLayerPart(r -> r.repositoryName(name).uploadId(id).partFirstByte((long) half).partLastByte((long) bytes.length - 1)
                .layerPartBlob(SdkBytes.fromByteArray(Arrays.copyOfRange(bytes, half, bytes.length))));
        return ecr.completeLayerUpload(r -> r.repositoryName(name).uploadId(id).layerDigests(blob.digest())).layerDigest();
    }

    @Test
    void layersUploadedInPartsMakeAnImageThatTheOciApiServes() {
        String name = newRepositoryName();
        ecr.createRepository(r -> r.repositoryName(name));
        Image image = OciImages.image("ecr-layers", "amd64", 20_000);

        image.blobs().forEach(blob -> assertThat(upload(name, blob)).isEqualTo(blob.digest()));
        ecr.putImage(r -> r.repositoryName(name).imageTag("v1").imageManifest(new String(image.manifest().bytes(), StandardCharsets.UTF_8)));

        assertThat(ecr.batchCheckLayerAvailability(r -> r.repositoryName(name).layerDigests(image.blobs().get(1).digest(),
                OciImages.layer("absent", 10).digest())).layers())
                .extracting(layer -> layer.layerAvailability()).containsExactly(LayerAvailability.AVAILABLE, LayerAvailability.UNAVAILABLE);
        String url = ecr.getDownloadUrlForLayer(r -> r.repositoryName(name).layerDigest(image.blobs().get(1).digest())).downloadUrl();
        assertThat(exchange(HttpRequest.newBuilder(URI.create(url)).build()).body()).isEqualTo(image.blobs().get(1).bytes());
        assertThat(get("/v2/" + name + "/manifests/v1").body()).isEqualTo(image.manifest().bytes());
    }

    @Test
    void partsOutOfOrderWrongDigestsAndUnknownUploadsAreEcrsExceptions() {
        String name = newRepositoryName();
        ecr.createRepository(r -> r.repositoryName(name));
        Blob blob = OciImages.layer("wrong", 1000);
        String id = ecr.initiateLayerUpload(r -> r.repositoryName(name)).uploadId();

        assertThatThrownBy(() -> ecr.uploadLayerPart(r -> r.repositoryName(name).uploadId(id).partFirstByte(10L).partLastByte(19L)
                .layerPartBlob(SdkBytes.fromByteArray(new byte[10])))).isInstanceOf(InvalidLayerPartException.class);
        ecr.uploadLayerPart(r -> r.repositoryName(name).uploadId(id).partFirstByte(0L).partLastByte((long) blob.bytes().length - 1)
                .layerPartBlob(SdkBytes.fromByteArray(blob.bytes())));
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName(name).uploadId(id)
                .layerDigests(OciImages.layer("other", 10).digest()))).isInstanceOf(InvalidLayerException.class);
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName(name).uploadId("00000000-0000-0000-0000-000000000000")
                .layerDigests(blob.digest()))).isInstanceOf(UploadNotFoundException.class);
        assertThatThrownBy(() -> ecr.getDownloadUrlForLayer(r -> r.repositoryName(name).layerDigest(blob.digest())))
                .isInstanceOf(LayersNotFoundException.class);
    }
}
