package io.tagledger.api.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Signing keys kept in the data directory, so that what they signed outlives a restart. Several nodes
 * must share one: each use has a property that sets it instead.
 */
public final class KeptKeys {

    private KeptKeys() {
    }

    /** The key in {@code file}; a new random one (256 bits), readable by its owner only, if there is none yet. */
    public static byte[] read(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path written = Files.write(file, secret, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Only on file systems without POSIX permissions.
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the key at " + file, e);
        }
    }
}
