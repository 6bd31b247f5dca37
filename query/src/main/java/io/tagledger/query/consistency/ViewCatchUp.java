package io.tagledger.query.consistency;

import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Read-your-writes: lets a writer wait until a processing group has applied a repository's events
 * up to a sequence number, so that a query sent after a command's response sees that command's effect.
 */
@Component
public class ViewCatchUp {

    private final ViewVersions versions;

    ViewCatchUp(ViewVersions versions) {
        this.versions = versions;
    }

    /** @return whether the group reached {@code sequence} before the deadline */
    public boolean await(String processingGroup, String repositoryName, long sequence, long deadlineNanos) {
        ViewVersionKey key = new ViewVersionKey(processingGroup, repositoryName);
        long pauseMicros = 200;
        while (true) {
            if (versions.findById(key).map(ViewVersion::getLastSequence).orElse(-1L) >= sequence) {
                return true;
            }
            if (System.nanoTime() >= deadlineNanos) {
                return false;
            }
            sleep(pauseMicros);
            pauseMicros = Math.min(pauseMicros * 2, 10_000);
        }
    }

    private static void sleep(long micros) {
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the views", e);
        }
    }
}
