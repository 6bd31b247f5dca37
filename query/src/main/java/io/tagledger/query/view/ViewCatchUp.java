package io.tagledger.query.view;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Read-your-writes: lets a writer wait until the registry views have applied a repository's events up
 * to a sequence number, so that a query sent after a command's response sees that command's effect.
 */
@Component
public class ViewCatchUp {

    private final ViewVersions versions;

    ViewCatchUp(ViewVersions versions) {
        this.versions = versions;
    }

    /** @return whether the views reached {@code sequence} before the timeout */
    public boolean await(String repositoryName, long sequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMicros = 200;
        while (true) {
            if (versions.findById(repositoryName).map(ViewVersion::getLastSequence).orElse(-1L) >= sequence) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
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
