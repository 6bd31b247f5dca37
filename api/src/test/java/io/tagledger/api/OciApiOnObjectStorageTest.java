package io.tagledger.api;

import io.tagledger.api.OciImages.Blob;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test of the OCI API again, with blobs in an S3-compatible object store (a real s3proxy) rather
 * than in files: uploads in every form, chunk by chunk, mounts, ranges and refusals.
 */
class OciApiOnObjectStorageTest extends OciApiTest {

    private static String bucket;

    @DynamicPropertySource
    static void objectStorage(DynamicPropertyRegistry registry) {
        bucket = S3Proxy.use(registry, "oci");
    }

    /**
     * Chunks larger than a part go up as multipart uploads, and an upload of several chunks is read back
     * and written into place: the bucket then holds the blob under its digest, and no chunk.
     */
    @Test
    void aBlobOfSeveralLargeChunksIsOneObjectUnderItsDigestAndNoChunkIsLeft() {
        String name = newRepositoryName();
        assertThat(createRepository(name, "MUTABLE").status()).isEqualTo(201);
        byte[] bytes = new byte[20 * 1024 * 1024 + 123];
        new Random(20).nextBytes(bytes);
        Blob blob = new Blob("application/octet-stream", bytes, null);
        Response started = send("POST", "/v2/" + name + "/blobs/uploads/", null, null);
        String location = started.header("Location");
        String chunks = "uploads/" + started.header("Docker-Upload-UUID") + "/";
        int[] cuts = {0, 9 * 1024 * 1024, 18 * 1024 * 1024, bytes.length};
        for (int i = 0; i + 1 < cuts.length; i++) {
            Response chunk = send("PATCH", location, "application/octet-stream", Arrays.copyOfRange(bytes, cuts[i], cuts[i + 1]));
            assertThat(chunk.status()).as(chunk.toString()).isEqualTo(202);
            location = chunk.header("Location");
        }
        assertThat(send("PUT", location + (location.contains("?") ? "&" : "?") + "digest=" + blob.digest(), null, null).status()).isEqualTo(201);

        assertThat(get("/v2/" + name + "/blobs/" + blob.digest()).body()).isEqualTo(bytes);
        try (S3Client s3 = S3Proxy.shared().client()) {
            List<S3Object> objects = s3.listObjectsV2(request -> request.bucket(bucket)).contents();
            // A filesystem-backed server lists its empty directories too (keys ending in /): no chunk is an object.
            assertThat(objects).filteredOn(object -> object.key().startsWith(chunks) && !object.key().endsWith("/")).isEmpty();
            assertThat(objects).filteredOn(object -> object.key().equals("blobs/sha256/" + blob.digest().substring("sha256:".length())))
                    .singleElement().satisfies(object -> assertThat(object.size()).isEqualTo((long) bytes.length));
        }
    }
}
