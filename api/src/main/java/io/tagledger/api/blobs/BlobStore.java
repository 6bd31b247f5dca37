package io.tagledger.api.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where blobs (layers, configs) live, content-addressed by their digest ({@code sha256} or {@code sha512}, a {@link io.tagledger.domain.BlobDigest} that is supported), and which
 * repository each has been pushed or mounted to. Uploads are streamed: no blob is ever held whole in
 * memory. The file system under the data directory ({@link FileBlobStore}, one node), or an S3-compatible
 * object store that several nodes share ({@link S3BlobStore}).
 */
public interface BlobStore {

    /** @return the blob's size, if the store holds it */
    Optional<Long> size(String digest);

    /** The blob's bytes from {@code offset} on; the caller closes the stream. */
    InputStream open(String digest, long offset) throws IOException;

    /** Whether the blob has been pushed or mounted to the repository (and the store still holds it). */
    boolean isLinked(String repository, String digest);

    /** Makes a blob the store holds visible in a repository. */
    void link(String repository, String digest) throws IOException;

    void unlink(String repository, String digest) throws IOException;

    /**
     * Removes the link only if it was made or last referred to before {@code before}: a push that has just
     * named the blob, on any node, keeps it.
     *
     * @return whether it was removed
     */
    boolean unlinkUntouchedSince(String repository, String digest, Instant before) throws IOException;

    /** Starts an upload session for a repository; @return its id */
    String startUpload(String repository) throws IOException;

    /** The session's state, or empty when there is no such session (never started, completed, cancelled or expired). */
    Optional<UploadState> upload(String repository, String id);

    /**
     * Appends a chunk to an upload. {@code offset} must be where the upload stands, or the chunk is out of order.
     *
     * @param length the bytes the client declared, or -1 when it declared none
     * @return the upload's size after the chunk
     */
    long append(String repository, String id, long offset, InputStream chunk, long length) throws IOException;

    /**
     * Completes an upload: its content must have the digest given. The blob is synced to disk before
     * this returns, then linked to the repository, and the session is gone.
     */
    void complete(String repository, String id, String digest) throws IOException;

    void cancel(String repository, String id) throws IOException;

    /** Removes the sessions nobody has written to for {@code idle}, with their bytes; @return how many */
    int expireUploads(Duration idle) throws IOException;

    /** The repositories that link blobs. */
    List<String> linkedRepositories() throws IOException;

    /** A repository's links, each with when it was made or last referred to. */
    Map<String, Instant> links(String repository) throws IOException;

    /** Marks a link as just referred to, so that a collection keeps it for its grace period. */
    void touch(String repository, String digest) throws IOException;

    /**
     * Removes each blob that no repository links and that was stored before {@code before}. No upload can
     * complete, and no link be made, while this runs.
     *
     * @return how many were removed
     */
    int deleteUnlinked(Instant before) throws IOException;

    /** @param size the bytes uploaded so far */
    record UploadState(String id, long size) {
    }
}
