package io.tagledger.api.blobs;

import io.tagledger.api.config.TagledgerProperties;
import io.tagledger.api.storage.Daemons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes abandoned upload sessions, and their bytes, once nobody has written to them for
 * {@code tagledger.blobs.upload-expiry}; a client that comes back to one then gets {@code BLOB_UPLOAD_UNKNOWN}.
 */
@Component
class UploadExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UploadExpiry.class);

    private final FileBlobStore store;
    private final Duration expiry;
    private ScheduledExecutorService scheduler;

    UploadExpiry(FileBlobStore store, TagledgerProperties properties) {
        this.store = store;
        this.expiry = properties.blobs().uploadExpiry();
    }

    @Override
    public synchronized void start() {
        long every = Math.max(1000, Math.min(Duration.ofHours(1).toMillis(), expiry.toMillis() / 4));
        scheduler = Daemons.named("upload-expiry");
        scheduler.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.MILLISECONDS);
    }

    void expire() {
        try {
            int expired = store.expireUploads(expiry);
            if (expired > 0) {
                log.info("Removed {} upload sessions idle for more than {}", expired, expiry);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove expired upload sessions; trying again later", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
