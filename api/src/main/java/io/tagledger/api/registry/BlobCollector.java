package io.tagledger.api.registry;

import io.tagledger.api.blobs.BlobStore;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.storage.PeriodicTask;
import io.tagledger.domain.RegistryException;
import io.tagledger.query.messages.FindReferencedBlobs;
import io.tagledger.query.messages.ReferencedBlobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * Collects blobs that no manifest names, every {@code tagledger.blobs.gc-interval}. The rule:
 * <ol>
 *   <li>a repository's link to a blob goes when none of the repository's manifests names the blob, and it
 *       was made (uploaded, mounted) or last named by a push more than {@code tagledger.blobs.gc-grace} ago;</li>
 *   <li>a blob's bytes go once no repository links it, and they were stored more than the grace ago.</li>
 * </ol>
 * A push names its blobs (and so renews their links) before it checks them, under its repository's
 * {@link ReferenceLocks lock}, which a collection holds while it decides; an upload cannot complete while
 * unlinked bytes are removed. A view being rebuilt keeps answering whole until its rebuilt tables replace
 * it, so a collection never reads a half-written one.
 */
@Component
class BlobCollector extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(BlobCollector.class);

    private final BlobStore store;
    private final RegistryQueries queries;
    private final ReferenceLocks locks;
    private final Duration interval;
    private final Duration grace;

    BlobCollector(BlobStore store, RegistryQueries queries, ReferenceLocks locks, TagledgerProperties properties) {
        super("blob-collector", properties.blobs().gcInterval());
        this.store = store;
        this.queries = queries;
        this.locks = locks;
        this.interval = properties.blobs().gcInterval();
        this.grace = properties.blobs().gcGrace();
    }

    /** @return the links removed, and the blobs */
    record Collected(int links, int blobs) {
    }

    Collected collect() throws IOException {
        Instant before = Instant.now().minus(grace);
        int unlinked = 0;
        for (String repository : store.linkedRepositories()) {
            Lock lock = locks.of(repository).writeLock();
            lock.lock();
            try {
                Set<String> named = queries.ask(new FindReferencedBlobs(repository), ReferencedBlobs.class).digests();
                for (Map.Entry<String, Instant> link : store.links(repository).entrySet()) {
                    if (!named.contains(link.getKey()) && link.getValue().isBefore(before)
                            && store.unlinkUntouchedSince(repository, link.getKey(), before)) {
                        unlinked++;
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        return new Collected(unlinked, store.deleteUnlinked(before));
    }

    @Override
    protected void runOnce() {
        try {
            Collected collected = collect();
            if (collected.links() + collected.blobs() > 0) {
                log.info("Collected {} links and {} blobs that no manifest names", collected.links(), collected.blobs());
            }
        } catch (RegistryException unavailable) {
            log.info("Blob collection skipped: {}", unavailable.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("Blob collection failed; trying again in {}", interval, e);
        }
    }


}
