package io.tagledger.api.registry;

import io.tagledger.api.blobs.BlobStore;
import io.tagledger.api.security.Action;
import io.tagledger.domain.BlobDigest;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;

/**
 * What registry clients do with blobs (layers and configs): upload them, in one request or in
 * chunks, mount them from another repository, read and delete them. A blob is visible in a
 * repository once pushed or mounted there. Uploading needs {@code ecr:PutImage}, reading
 * {@code ecr:BatchGetImage} and deleting {@code ecr:BatchDeleteImage}, as for manifests.
 */
@Component
public class Blobs {

    private final BlobStore store;
    private final RegistryQueries queries;
    private final Repositories repositories;
    private final Access access;

    Blobs(BlobStore store, RegistryQueries queries, Repositories repositories, Access access) {
        this.store = store;
        this.queries = queries;
        this.repositories = repositories;
        this.access = access;
    }

    /** @return the blob's size */
    public long size(RepositoryName name, BlobDigest digest) {
        access.require(Action.BATCH_GET_IMAGE, name);
        return linkedSize(name, digest);
    }

    /**
     * @return the blob's size, or {@code null} when the repository does not have it (nor exists yet, when a
     * push would create it from a template)
     */
    public Long sizeIfPresent(RepositoryName name, BlobDigest digest) {
        access.require(Action.BATCH_GET_IMAGE, name);
        if (!repositories.acceptsPushes(name)) {
            throw RegistryQueries.notFound(name);
        }
        return digest.isSupported() && store.isLinked(name.value(), digest.value()) ? store.size(digest.value()).orElse(null) : null;
    }

    /** The blob from {@code offset} on; the caller closes the stream. */
    public InputStream open(RepositoryName name, BlobDigest digest, long offset) throws IOException {
        access.require(Action.BATCH_GET_IMAGE, name);
        linkedSize(name, digest);
        return store.open(digest.value(), offset);
    }

    /** @return the new upload's id */
    public String startUpload(RepositoryName name) throws IOException {
        access.require(Action.PUT_IMAGE, name);
        repositories.forPush(name);
        return store.startUpload(name.value());
    }

    /**
     * Mounts a blob from another repository the caller may read, as clients try before uploading one
     * they pushed elsewhere. @return whether it was mounted; if not, the client uploads it
     */
    public boolean mount(RepositoryName name, BlobDigest digest, RepositoryName from) throws IOException {
        access.require(Action.PUT_IMAGE, name);
        repositories.forPush(name);
        if (!digest.isSupported() || !access.allows(Action.BATCH_GET_IMAGE, from.value()) || !store.isLinked(from.value(), digest.value())) {
            return false;
        }
        store.link(name.value(), digest.value());
        return true;
    }

    /** @return the bytes uploaded so far */
    public long uploaded(RepositoryName name, String id) {
        access.require(Action.PUT_IMAGE, name);
        return store.upload(name.value(), id).orElseThrow(() -> RegistryException.of(Refusal.UPLOAD_NOT_FOUND, "upload", id)).size();
    }

    /**
     * @param offset where the chunk starts, or -1 to append it wherever the upload stands
     * @param length the bytes the client declared, or -1
     * @return the bytes uploaded after the chunk
     */
    public long append(RepositoryName name, String id, long offset, InputStream chunk, long length) throws IOException {
        access.require(Action.PUT_IMAGE, name);
        long at = offset >= 0 ? offset : uploaded(name, id);
        return store.append(name.value(), id, at, chunk, length);
    }

    /**
     * Appends the last chunk, if any, and completes the upload: the content must have the digest. A last
     * chunk that does not start where the upload stands is refused, and the upload is not completed.
     *
     * @param offset where the last chunk starts, or -1 to append it wherever the upload stands
     */
    public void complete(RepositoryName name, String id, BlobDigest digest, long offset, InputStream last, long length)
            throws IOException {
        access.require(Action.PUT_IMAGE, name);
        digest.requireSupported();
        if (length != 0) {
            store.append(name.value(), id, offset >= 0 ? offset : uploaded(name, id), last, length);
        }
        store.complete(name.value(), id, digest.value());
    }

    public void cancel(RepositoryName name, String id) throws IOException {
        access.require(Action.PUT_IMAGE, name);
        store.cancel(name.value(), id);
    }

    /** Removes the blob from the repository; its bytes go once no repository links them. */
    public void delete(RepositoryName name, BlobDigest digest) throws IOException {
        access.require(Action.BATCH_DELETE_IMAGE, name);
        linkedSize(name, digest);
        store.unlink(name.value(), digest.value());
    }

    private long linkedSize(RepositoryName name, BlobDigest digest) {
        if (!digest.isSupported() || !store.isLinked(name.value(), digest.value())) {
            queries.requireExists(name);
            throw RegistryException.of(Refusal.BLOB_NOT_FOUND, "repository", name.value(), "digest", digest.value());
        }
        return store.size(digest.value()).orElseThrow();
    }
}
