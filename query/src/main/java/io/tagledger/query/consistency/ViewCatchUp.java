package io.tagledger.query.consistency;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-your-writes: lets a writer wait until a processing group has applied a repository's events
 * up to a sequence number, so that a query sent after a command's response sees that command's effect.
 * A projection tells this, as each batch commits, how far it got ({@link #committed}): a waiting writer
 * wakes then, rather than polling the database. What another process committed is read from the
 * database, at the start and at most every {@link #RECHECK} while waiting.
 */
@Component
public class ViewCatchUp {

    static final Duration RECHECK = Duration.ofMillis(20);

    private final ViewVersions versions;
    private final Map<ViewVersionKey, Long> committed = new ConcurrentHashMap<>();
    private final Object progress = new Object();

    ViewCatchUp(ViewVersions versions) {
        this.versions = versions;
    }

    /** A processing group has committed a repository's events up to {@code sequence}. */
    void committed(ViewVersionKey key, long sequence) {
        committed.merge(key, sequence, Math::max);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** A processing group is rebuilt from scratch: what it had committed no longer holds. */
    void forget(String processingGroup) {
        committed.keySet().removeIf(key -> key.processingGroup().equals(processingGroup));
    }

    /** @return whether the group reached {@code sequence} before the deadline */
    public boolean await(String processingGroup, String repositoryName, long sequence, long deadlineNanos) {
        ViewVersionKey key = new ViewVersionKey(processingGroup, repositoryName);
        long nextCheck = 0;
        while (true) {
            if (committed.getOrDefault(key, -1L) >= sequence) {
                return true;
            }
            long now = System.nanoTime();
            if (now >= nextCheck) {
                long stored = versions.findById(key).map(ViewVersion::getLastSequence).orElse(-1L);
                if (stored >= sequence) {
                    committed.merge(key, stored, Math::max);
                    return true;
                }
                nextCheck = now + RECHECK.toNanos();
            }
            if (now >= deadlineNanos) {
                return false;
            }
            synchronized (progress) {
                if (committed.getOrDefault(key, -1L) >= sequence) {
                    return true;
                }
                long waitNanos = Math.min(deadlineNanos, nextCheck) - System.nanoTime();
                if (waitNanos > 0) {
                    try {
                        progress.wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while waiting for the views", e);
                    }
                }
            }
        }
    }
}
