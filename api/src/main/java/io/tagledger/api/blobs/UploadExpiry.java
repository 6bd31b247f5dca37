package io.tagledger.api.blobs;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.storage.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;

/**
 * Removes abandoned upload sessions, and their bytes, once nobody has written to them for
 * {@code tagledger.blobs.upload-expiry}; a client that comes back to one then gets {@code BLOB_UPLOAD_UNKNOWN}.
 */
@Component
class UploadExpiry extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(UploadExpiry.class);

    private final BlobStore store;
    private final Duration expiry;

    UploadExpiry(BlobStore store, TagledgerProperties properties) {
        super("upload-expiry", every(properties.blobs().uploadExpiry()));
        this.store = store;
        this.expiry = properties.blobs().uploadExpiry();
    }

    /** Often enough that a session outlives its expiry by a quarter of it at most, and never more than hourly. */
    private static Duration every(Duration expiry) {
        return Duration.ofMillis(Math.max(1000, Math.min(Duration.ofHours(1).toMillis(), expiry.toMillis() / 4)));
    }

    @Override
    protected void runOnce() {
        try {
            int expired = store.expireUploads(expiry);
            if (expired > 0) {
                log.info("Removed {} upload sessions idle for more than {}", expired, expiry);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove expired upload sessions; trying again later", e);
        }
    }
}
