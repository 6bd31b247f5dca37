package io.tagledger.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real clients the tests drive (skopeo, podman, docker, the AWS CLI) as a user would, output kept. */
final class Commands {

    /** What a command did: its exit code and what it wrote. */
    record Run(int exitCode, String out, String err) {
    }

    private Commands() {
    }

    /**
     * @param work        where the output files go
     * @param input       written to the command's standard input, or {@code null}
     * @param environment added to this process's environment
     */
    static Run run(Path work, String input, Map<String, String> environment, String... command) {
        try {
            Path out = Files.createTempFile(work, "out", ".txt");
            Path err = Files.createTempFile(work, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Timed out: " + String.join(" ", command));
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(command[0] + " must be installed: bash .ci/run installs it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
