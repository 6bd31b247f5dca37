package io.tagledger.api.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Go verifier in {@code src/test/go/tlogverify}, built with Debian's Go and golang.org/x/mod (which
 * {@code .ci/run} installs): a client of the log written by others, which trusts only the verifier key.
 */
public final class GoVerifier {

    private static final Path SOURCE = Path.of("src", "test", "go", "tlogverify").toAbsolutePath();
    private static final Path GOPATH = Path.of("/usr/share/gocode");
    private static final Path BUILT = Path.of("target", "go", "tlogverify").toAbsolutePath();

    /** What a run printed, and how it ended. */
    public record Outcome(int exitCode, String output) {
    }

    private GoVerifier() {
    }

    /** Builds the verifier, once per JVM. */
    public static synchronized Path build() throws IOException, InterruptedException {
        if (Files.isExecutable(BUILT)) {
            return BUILT;
        }
        assertThat(Path.of("/usr/bin/go")).as("Debian's golang-go (bash .ci/run installs it)").isExecutable();
        assertThat(GOPATH.resolve("src/golang.org/x/mod/sumdb/tlog")).as("Debian's golang-golang-x-mod-dev (bash .ci/run installs it)")
                .isDirectory();
        Outcome built = exec(List.of("/usr/bin/go", "build", "-o", BUILT.toString(), "."), SOURCE);
        assertThat(built.exitCode()).as(built.output()).isZero();
        return BUILT;
    }

    /** Runs the verifier with these arguments. */
    public static Outcome run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(build().toString());
        command.addAll(List.of(arguments));
        return exec(command, SOURCE);
    }

    private static Outcome exec(List<String> command, Path directory) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("GO111MODULE", "off");
        builder.environment().put("GOPATH", GOPATH.toString());
        builder.environment().put("GOCACHE", BUILT.getParent().resolve("cache").toString());
        builder.environment().put("GOFLAGS", "");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("Timed out: " + command);
        }
        return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
