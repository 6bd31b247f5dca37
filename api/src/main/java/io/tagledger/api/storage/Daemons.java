package io.tagledger.api.storage;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The storage's background rounds: one daemon thread each, so that none keeps the JVM from stopping. */
public final class Daemons {

    private Daemons() {
    }

    public static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
