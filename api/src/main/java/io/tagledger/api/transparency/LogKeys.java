package io.tagledger.api.transparency;

import io.tagledger.api.settings.TagledgerProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key that signs the log's checkpoints: the file {@code tagledger.log.key-file} names, or, on one node,
 * {@code log-key.pem} in the data directory. A key file that does not exist yet is made, readable by its owner
 * only: it holds the PKCS#8 private key and the public key, in PEM. Several nodes must all sign with one key,
 * so with a shared database the setting is required. The key is kept out of the database on purpose: whoever
 * can change the database cannot sign a history that hides the change.
 */
final class LogKeys {

    static final String KEPT = "log-key.pem";
    private static final Pattern PEM = Pattern.compile("-----BEGIN (PRIVATE|PUBLIC) KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1 KEY-----");

    private LogKeys() {
    }

    static NoteKey load(TagledgerProperties properties) {
        String origin = properties.log().origin();
        if (properties.log().keyFile() == null && properties.sharedDatabase()) {
            throw new IllegalStateException("Several nodes share the database: set tagledger.log.key-file to the one key file they "
                    + "all sign the log's checkpoints with (it is made where it does not exist yet)");
        }
        Path file = properties.log().keyFile() != null ? Path.of(properties.log().keyFile()) : Path.of(properties.dataDir()).resolve(KEPT);
        return Files.exists(file) ? read(origin, file) : write(NoteKey.generate(origin), file);
    }

    private static NoteKey read(String origin, Path file) {
        try {
            Matcher matcher = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
            byte[] privateKey = null;
            byte[] publicKey = null;
            while (matcher.find()) {
                byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
                if (matcher.group(1).equals("PRIVATE")) {
                    privateKey = der;
                } else {
                    publicKey = der;
                }
            }
            if (privateKey == null || publicKey == null) {
                throw new IllegalStateException("The log's key file " + file + " must hold a PRIVATE KEY and a PUBLIC KEY in PEM");
            }
            return NoteKey.of(origin, privateKey, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the log's key file " + file, e);
        }
    }

    private static NoteKey write(NoteKey key, Path file) {
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        String text = "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(key.pkcs8()) + "\n-----END PRIVATE KEY-----\n"
                + "-----BEGIN PUBLIC KEY-----\n" + pem.encodeToString(key.spki()) + "\n-----END PUBLIC KEY-----\n";
        try {
            Path directory = Files.createDirectories(file.toAbsolutePath().getParent());
            Path made = Files.createTempFile(directory, KEPT, ".new");
            try {
                Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Only on file systems without POSIX permissions.
            }
            Files.writeString(made, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
            try {
                Files.move(made, file);
            } catch (FileAlreadyExistsException anotherNode) {
                Files.delete(made);
                return read(key.name(), file);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the log's key at " + file, e);
        }
    }
}
