package io.tagledger.api.transparency;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The monitor run in the test's JVM, as its command line would run it: what it printed, and its exit status. */
public record MonitorRun(int exitCode, String output) {

    public static MonitorRun of(Map<String, String> environment, String... arguments) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = LogMonitor.run(arguments, new PrintStream(printed, true, StandardCharsets.UTF_8), environment);
        return new MonitorRun(exit, printed.toString(StandardCharsets.UTF_8));
    }

    public static MonitorRun of(String... arguments) {
        return of(Map.of(), arguments);
    }
}
