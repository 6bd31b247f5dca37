package io.tagledger.api.registry;

import io.tagledger.api.S3Proxy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The collection of blobs that no manifest names, with the same grace rule, on an S3-compatible object store (a real s3proxy). */
class BlobCollectorOnObjectStorageTest extends BlobCollectorTest {

    @DynamicPropertySource
    static void objectStorage(DynamicPropertyRegistry registry) {
        S3Proxy.use(registry, "gc");
    }
}
