package io.tagledger.api.blobs;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.domain.BlobDigest;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blobs as files under the data directory: {@code blobs/sha256/ab/abcd…} (or {@code blobs/sha512/…}) by digest, an upload session
 * as a directory of its own under {@code uploads/}, and a repository's links under
 * {@code links/<repository>/_links/} (no repository name has a component that starts with {@code _}).
 * A link is named by the digest's hex digits, whose length tells its algorithm. Bytes are copied through
 * a fixed buffer, hashed with SHA-256 as they arrive, and synced before a blob is moved into place; a
 * session outlives a restart (its hash is then computed again from its file). A sha512 upload, rare, is
 * hashed from its file when it completes.
 */
public class FileBlobStore implements BlobStore {

    private static final int BUFFER = 64 * 1024;
    private static final List<String> ALGORITHMS = List.of("sha256", "sha512");

    private final Path blobs;
    private final Path uploads;
    private final Path links;
    /** The running hash of each session this process has seen: a chunk is hashed once, as it is written. */
    private final Map<String, MessageDigest> sessions = new ConcurrentHashMap<>();
    /** Held by whatever makes a link or a blob file, and by a removal of unlinked blobs: none sees the other half done. */
    private final ReentrantLock files = new ReentrantLock();

    public FileBlobStore(TagledgerProperties properties) throws IOException {
        Path root = Path.of(properties.dataDir());
        this.blobs = Files.createDirectories(root.resolve("blobs"));
        this.uploads = Files.createDirectories(root.resolve("uploads"));
        this.links = Files.createDirectories(root.resolve("links"));
        for (String algorithm : ALGORITHMS) {
            Files.createDirectories(blobs.resolve(algorithm));
        }
    }

    @Override
    public Optional<Long> size(String digest) {
        try {
            return Optional.of(Files.size(blob(digest)));
        } catch (IOException missing) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String digest, long offset) throws IOException {
        FileChannel channel = FileChannel.open(blob(digest), StandardOpenOption.READ);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    @Override
    public boolean isLinked(String repository, String digest) {
        return Files.exists(linkPath(repository, digest)) && Files.exists(blob(digest));
    }

    @Override
    public void link(String repository, String digest) throws IOException {
        files.lock();
        try {
            Path link = linkPath(repository, digest);
            Files.createDirectories(link.getParent());
            if (!Files.exists(link)) {
                Files.writeString(link, digest);
            }
        } finally {
            files.unlock();
        }
    }

    @Override
    public List<String> linkedRepositories() throws IOException {
        try (Stream<Path> paths = Files.walk(links)) {
            return paths.filter(path -> path.getFileName().toString().equals("_links") && Files.isDirectory(path))
                    .map(path -> links.relativize(path.getParent()).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Override
    public Map<String, Instant> links(String repository) throws IOException {
        Map<String, Instant> found = new TreeMap<>();
        Path dir = links.resolve(repository).resolve("_links");
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path link : all) {
                String hex = link.getFileName().toString();
                found.put((hex.length() == 64 ? "sha256:" : "sha512:") + hex, Files.getLastModifiedTime(link).toInstant());
            }
        }
        return found;
    }

    @Override
    public void touch(String repository, String digest) throws IOException {
        Path link = linkPath(repository, digest);
        if (Files.exists(link)) {
            Files.setLastModifiedTime(link, FileTime.from(Instant.now()));
        }
    }

    @Override
    public int deleteUnlinked(Instant before) throws IOException {
        files.lock();
        try {
            Set<String> linked = new HashSet<>();
            try (Stream<Path> paths = Files.walk(links)) {
                paths.filter(path -> path.getParent() != null && path.getParent().getFileName().toString().equals("_links"))
                        .forEach(link -> linked.add(link.getFileName().toString()));
            }
            int deleted = 0;
            for (String algorithm : ALGORITHMS) {
                try (Stream<Path> paths = Files.walk(blobs.resolve(algorithm), 2)) {
                    for (Path blob : paths.filter(Files::isRegularFile).toList()) {
                        if (!linked.contains(blob.getFileName().toString()) && Files.getLastModifiedTime(blob).toInstant().isBefore(before)) {
                            Files.deleteIfExists(blob);
                            deleted++;
                        }
                    }
                }
            }
            return deleted;
        } finally {
            files.unlock();
        }
    }

    @Override
    public void unlink(String repository, String digest) throws IOException {
        Files.deleteIfExists(linkPath(repository, digest));
    }

    @Override
    public boolean unlinkUntouchedSince(String repository, String digest, Instant before) throws IOException {
        Path link = linkPath(repository, digest);
        files.lock();
        try {
            return Files.exists(link) && Files.getLastModifiedTime(link).toInstant().isBefore(before) && Files.deleteIfExists(link);
        } catch (NoSuchFileException gone) {
            return false;
        } finally {
            files.unlock();
        }
    }

    @Override
    public String startUpload(String repository) throws IOException {
        String id = UUID.randomUUID().toString();
        Path session = Files.createDirectories(uploads.resolve(id));
        Files.writeString(session.resolve("repository"), repository);
        Files.createFile(session.resolve("data"));
        sessions.put(id, sha256());
        return id;
    }

    @Override
    public Optional<UploadState> upload(String repository, String id) {
        Path session = session(repository, id);
        if (session == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UploadState(id, Files.size(session.resolve("data"))));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    @Override
    public long append(String repository, String id, long offset, InputStream chunk, long length) throws IOException {
        Path session = requireSession(repository, id);
        MessageDigest hash = runningHash(id, session);
        synchronized (hash) {
            Path data = session.resolve("data");
            long size = Files.size(data);
            if (offset != size) {
                throw RegistryException.of(Refusal.UPLOAD_OUT_OF_ORDER, "offset", Long.toString(offset), "size", Long.toString(size));
            }
            long written = 0;
            try (OutputStream out = Files.newOutputStream(data, StandardOpenOption.APPEND)) {
                byte[] buffer = new byte[BUFFER];
                for (int read = chunk.read(buffer); read >= 0; read = chunk.read(buffer)) {
                    out.write(buffer, 0, read);
                    hash.update(buffer, 0, read);
                    written += read;
                }
            } catch (IOException | RuntimeException failed) {
                // What reached the file is no longer known to match the hash: hash it again from the file next time.
                sessions.remove(id);
                throw failed;
            }
            if (length >= 0 && written != length) {
                sessions.remove(id);
                truncate(data, size);
                throw RegistryException.of(Refusal.UPLOAD_SIZE_MISMATCH, "declared", Long.toString(length), "received", Long.toString(written));
            }
            return size + written;
        }
    }

    @Override
    public void complete(String repository, String id, String digest) throws IOException {
        Path session = requireSession(repository, id);
        BlobDigest expected = BlobDigest.parse(digest).requireSupported();
        MessageDigest hash = runningHash(id, session);
        synchronized (hash) {
            String actual = expected.algorithm().equals("sha256") ? expected.of(hash) : hashOf(session.resolve("data"), expected);
            // digest() resets the running hash: a session that goes on is hashed again from its file.
            sessions.remove(id);
            if (!actual.equals(digest)) {
                throw RegistryException.of(Refusal.UPLOAD_DIGEST_MISMATCH, "digest", digest, "computed", actual);
            }
            Path data = session.resolve("data");
            try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Path target = blob(digest);
            files.lock();
            try {
                Files.createDirectories(target.getParent());
                move(data, target);
                syncDirectory(target.getParent());
                link(repository, digest);
            } finally {
                files.unlock();
            }
            sessions.remove(id);
            deleteSession(session);
        }
    }

    @Override
    public void cancel(String repository, String id) throws IOException {
        Path session = requireSession(repository, id);
        sessions.remove(id);
        deleteSession(session);
    }

    @Override
    public int expireUploads(Duration idle) throws IOException {
        int expired = 0;
        Instant before = Instant.now().minus(idle);
        try (DirectoryStream<Path> all = Files.newDirectoryStream(uploads)) {
            for (Path session : all) {
                Path data = session.resolve("data");
                if (!Files.exists(data) || Files.getLastModifiedTime(data).toInstant().isBefore(before)) {
                    sessions.remove(session.getFileName().toString());
                    deleteSession(session);
                    expired++;
                }
            }
        }
        return expired;
    }

    private Path blob(String digest) {
        BlobDigest parsed = supported(digest);
        return blobs.resolve(parsed.algorithm()).resolve(parsed.hex().substring(0, 2)).resolve(parsed.hex());
    }

    private Path linkPath(String repository, String digest) {
        return links.resolve(repository).resolve("_links").resolve(supported(digest).hex());
    }

    /** Only a digest of an algorithm stored here reaches a path. */
    private static BlobDigest supported(String digest) {
        return BlobDigest.parse(digest).requireSupported();
    }

    /** The digest of a file, of the algorithm of the one expected. */
    private static String hashOf(Path file, BlobDigest expected) throws IOException {
        MessageDigest hash = expected.newHash();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                hash.update(buffer, 0, read);
            }
        }
        return expected.of(hash);
    }

    private Path session(String repository, String id) {
        if (id == null || !id.matches("[0-9a-f-]{36}")) {
            return null;
        }
        Path session = uploads.resolve(id);
        try {
            return Files.readString(session.resolve("repository")).equals(repository) ? session : null;
        } catch (IOException gone) {
            return null;
        }
    }

    private Path requireSession(String repository, String id) {
        Path session = session(repository, id);
        if (session == null) {
            throw RegistryException.of(Refusal.UPLOAD_NOT_FOUND, "upload", id);
        }
        return session;
    }

    /** The session's running hash: this process's, or computed again from the file after a restart. */
    private MessageDigest runningHash(String id, Path session) throws IOException {
        MessageDigest known = sessions.get(id);
        if (known != null) {
            return known;
        }
        MessageDigest hash = sha256();
        try (InputStream in = Files.newInputStream(session.resolve("data"))) {
            byte[] buffer = new byte[BUFFER];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                hash.update(buffer, 0, read);
            }
        }
        MessageDigest raced = sessions.putIfAbsent(id, hash);
        return raced != null ? raced : hash;
    }

    private static void truncate(Path data, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A rename is durable once its directory is synced. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteSession(Path session) throws IOException {
        for (String file : new String[] {"data", "repository"}) {
            Files.deleteIfExists(session.resolve(file));
        }
        try {
            Files.deleteIfExists(session);
        } catch (NoSuchFileException gone) {
            // Cancelled or completed by another request meanwhile.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
