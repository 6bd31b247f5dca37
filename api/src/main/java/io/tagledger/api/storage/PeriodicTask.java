package io.tagledger.api.storage;

import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A background round, run every so often on a daemon thread of its own (none keeps the JVM from
 * stopping), started and stopped with the application. A stop waits for a round under way to end.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final String name;
    private final Duration every;
    private ScheduledExecutorService scheduler;

    protected PeriodicTask(String name, Duration every) {
        this.name = name;
        this.every = every;
    }

    /** One round; what it throws is its own to log, or the round after would never run. */
    protected abstract void runOnce();

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
