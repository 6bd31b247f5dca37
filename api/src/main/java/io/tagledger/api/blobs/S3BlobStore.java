package io.tagledger.api.blobs;

import io.tagledger.domain.BlobDigest;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Blobs in an S3-compatible object store that every node shares ({@code tagledger.blobs.store=s3}),
 * with the AWS SDK's S3 client: a blob is the object {@code blobs/<algorithm>/<hex>}; what the file store
 * keeps in files beside it (links, upload sessions) is in the shared database, so any chunk of an
 * upload may reach any node.
 *
 * <p>Bytes stream through a buffer of one part ({@value #PART_SIZE} bytes): a chunk that fits is one
 * {@code PutObject}, a larger one a multipart upload. Each chunk of an upload becomes an object of its
 * own (a segment) with its SHA-256. Completing a sha256 upload of one segment checks that hash and copies
 * the segment into place on the server; any other is read back once, hashed, and written
 * into place as a multipart upload that is completed only if the digest matches.
 *
 * <p>A blob's row in {@code blob_object} is written before its object and marked stored after it; a
 * link is made, and an unlinked blob deleted, only while the row is held ({@code for update}), so a
 * collection never deletes bytes that a link or an upload has just claimed.
 */
public final class S3BlobStore implements BlobStore {

    static final int PART_SIZE = 8 * 1024 * 1024;
    /** The largest object a single copy may make; a larger upload is written again part by part. */
    private static final long MAX_COPY = 5L * 1024 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public S3BlobStore(S3Client s3, String bucket, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.s3 = s3;
        this.bucket = bucket;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public Optional<Long> size(String digest) {
        return jdbc.queryForList("select size from blob_object where digest = ? and stored", Long.class, digest).stream().findFirst();
    }

    @Override
    public InputStream open(String digest, long offset) throws IOException {
        try {
            return s3.getObject(request -> request.bucket(bucket).key(key(digest)).range(offset > 0 ? "bytes=" + offset + "-" : null));
        } catch (NoSuchKeyException missing) {
            throw new IOException("Blob " + digest + " is not in the object store", missing);
        }
    }

    @Override
    public boolean isLinked(String repository, String digest) {
        return !jdbc.queryForList("select l.digest from blob_link l join blob_object o on o.digest = l.digest and o.stored "
                + "where l.repository_name = ? and l.digest = ?", String.class, repository, digest).isEmpty();
    }

    @Override
    public void link(String repository, String digest) {
        transactions.executeWithoutResult(status -> {
            if (jdbc.queryForList("select digest from blob_object where digest = ? and stored for update", String.class, digest).isEmpty()) {
                return;
            }
            linkHeld(repository, digest);
        });
    }

    /** Within a transaction that holds the blob's row. */
    private void linkHeld(String repository, String digest) {
        Timestamp now = Timestamp.from(Instant.now());
        if (jdbc.update("update blob_link set touched_at = ? where repository_name = ? and digest = ?", now, repository, digest) == 0) {
            jdbc.update("insert into blob_link (repository_name, digest, touched_at) values (?, ?, ?)", repository, digest, now);
        }
    }

    @Override
    public void unlink(String repository, String digest) {
        jdbc.update("delete from blob_link where repository_name = ? and digest = ?", repository, digest);
    }

    @Override
    public boolean unlinkUntouchedSince(String repository, String digest, Instant before) {
        return jdbc.update("delete from blob_link where repository_name = ? and digest = ? and touched_at < ?",
                repository, digest, Timestamp.from(before)) > 0;
    }

    @Override
    public List<String> linkedRepositories() {
        return jdbc.queryForList("select distinct repository_name from blob_link order by repository_name", String.class);
    }

    @Override
    public Map<String, Instant> links(String repository) {
        Map<String, Instant> found = new TreeMap<>();
        jdbc.query("select digest, touched_at from blob_link where repository_name = ?",
                row -> {
                    found.put(row.getString(1), row.getTimestamp(2).toInstant());
                }, repository);
        return found;
    }

    @Override
    public void touch(String repository, String digest) {
        jdbc.update("update blob_link set touched_at = ? where repository_name = ? and digest = ?",
                Timestamp.from(Instant.now()), repository, digest);
    }

    @Override
    public int deleteUnlinked(Instant before) {
        List<String> candidates = jdbc.queryForList("select o.digest from blob_object o where o.stored_at < ? "
                + "and not exists (select 1 from blob_link l where l.digest = o.digest)", String.class, Timestamp.from(before));
        int deleted = 0;
        for (String digest : candidates) {
            Boolean gone = transactions.execute(status -> {
                // Decided again under the row's lock: a link or an upload may have claimed the blob since.
                List<String> held = jdbc.queryForList("select digest from blob_object where digest = ? and stored_at < ? "
                        + "and not exists (select 1 from blob_link l where l.digest = blob_object.digest) for update",
                        String.class, digest, Timestamp.from(before));
                if (held.isEmpty()) {
                    return false;
                }
                s3.deleteObject(request -> request.bucket(bucket).key(key(digest)));
                jdbc.update("delete from blob_object where digest = ?", digest);
                return true;
            });
            deleted += Boolean.TRUE.equals(gone) ? 1 : 0;
        }
        return deleted;
    }

    @Override
    public String startUpload(String repository) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into blob_upload (id, repository_name, size, updated_at) values (?, ?, 0, ?)",
                id, repository, Timestamp.from(Instant.now()));
        return id;
    }

    @Override
    public Optional<UploadState> upload(String repository, String id) {
        if (id == null || !id.matches("[0-9a-f-]{36}")) {
            return Optional.empty();
        }
        return jdbc.queryForList("select size from blob_upload where id = ? and repository_name = ?", Long.class, id, repository)
                .stream().findFirst().map(size -> new UploadState(id, size));
    }

    @Override
    public long append(String repository, String id, long offset, InputStream chunk, long length) throws IOException {
        long size = requireUpload(repository, id).size();
        if (offset != size) {
            throw RegistryException.of(Refusal.UPLOAD_OUT_OF_ORDER, "offset", Long.toString(offset), "size", Long.toString(size));
        }
        String segment = "uploads/" + id + "/" + offset + "-" + UUID.randomUUID();
        MessageDigest hash = sha256();
        long written = put(segment, chunk, hash);
        if (length >= 0 && written != length) {
            deleteQuietly(segment);
            throw RegistryException.of(Refusal.UPLOAD_SIZE_MISMATCH, "declared", Long.toString(length), "received", Long.toString(written));
        }
        String sha256 = HexFormat.of().formatHex(hash.digest());
        boolean appended = Boolean.TRUE.equals(transactions.execute(status -> {
            // Another chunk at the same offset, on any node, may have been appended first: the offset decides.
            if (jdbc.update("update blob_upload set size = size + ?, updated_at = ? where id = ? and size = ?",
                    written, Timestamp.from(Instant.now()), id, offset) == 0) {
                return false;
            }
            jdbc.update("insert into blob_upload_segment (upload_id, start_offset, object_key, size, sha256) values (?, ?, ?, ?, ?)",
                    id, offset, segment, written, sha256);
            return true;
        }));
        if (!appended) {
            deleteQuietly(segment);
            long now = requireUpload(repository, id).size();
            throw RegistryException.of(Refusal.UPLOAD_OUT_OF_ORDER, "offset", Long.toString(offset), "size", Long.toString(now));
        }
        return offset + written;
    }

    private record Segment(String key, long size, String sha256) {
    }

    @Override
    public void complete(String repository, String id, String digest) throws IOException {
        long size = requireUpload(repository, id).size();
        BlobDigest expected = BlobDigest.parse(digest).requireSupported();
        List<Segment> segments = segments(id);
        String target = key(digest);
        claim(digest, size);
        // A segment's own SHA-256 decides a sha256 blob of one segment; any other is read back and hashed.
        if (segments.size() == 1 && size <= MAX_COPY && expected.algorithm().equals("sha256")) {
            Segment only = segments.get(0);
            if (!only.sha256().equals(expected.hex())) {
                throw mismatch(digest, "sha256:" + only.sha256());
            }
            s3.copyObject(request -> request.sourceBucket(bucket).sourceKey(only.key()).destinationBucket(bucket).destinationKey(target));
        } else {
            rewrite(segments, target, expected);
        }
        transactions.executeWithoutResult(status -> {
            jdbc.queryForList("select digest from blob_object where digest = ? for update", String.class, digest);
            jdbc.update("update blob_object set stored = true where digest = ?", digest);
            linkHeld(repository, digest);
            jdbc.update("delete from blob_upload_segment where upload_id = ?", id);
            jdbc.update("delete from blob_upload where id = ?", id);
        });
        segments.forEach(segment -> deleteQuietly(segment.key()));
    }

    /**
     * Writes the blob's row before its object (or renews its time, if another upload stored it already):
     * from then on, no collection deletes the object for the grace period.
     */
    private void claim(String digest, long size) {
        transactions.executeWithoutResult(status -> {
            Timestamp now = Timestamp.from(Instant.now());
            if (jdbc.update("update blob_object set stored_at = ? where digest = ?", now, digest) == 0) {
                try {
                    jdbc.update("insert into blob_object (digest, size, stored, stored_at) values (?, ?, false, ?)", digest, size, now);
                } catch (DuplicateKeyException raced) {
                    jdbc.update("update blob_object set stored_at = ? where digest = ?", now, digest);
                }
            }
        });
    }

    /** Reads the segments back in order, hashing them, into a multipart upload completed only if the digest matches. */
    private void rewrite(List<Segment> segments, String target, BlobDigest digest) throws IOException {
        MessageDigest hash = digest.newHash();
        String upload = s3.createMultipartUpload(request -> request.bucket(bucket).key(target)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[PART_SIZE];
            int filled = 0;
            for (Segment segment : segments) {
                try (InputStream in = s3.getObject(request -> request.bucket(bucket).key(segment.key()))) {
                    for (int read; (read = in.read(buffer, filled, buffer.length - filled)) >= 0; ) {
                        hash.update(buffer, filled, read);
                        filled += read;
                        if (filled == buffer.length) {
                            parts.add(uploadPart(target, upload, parts.size() + 1, buffer, filled));
                            filled = 0;
                        }
                    }
                }
            }
            if (filled > 0 || parts.isEmpty()) {
                parts.add(uploadPart(target, upload, parts.size() + 1, buffer, filled));
            }
            String actual = digest.of(hash);
            if (!actual.equals(digest.value())) {
                throw mismatch(digest.value(), actual);
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(target).uploadId(upload)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException failed) {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(target).uploadId(upload));
            throw failed;
        }
    }

    @Override
    public void cancel(String repository, String id) {
        requireUpload(repository, id);
        removeUpload(id);
    }

    @Override
    public int expireUploads(Duration idle) {
        List<String> idleUploads = jdbc.queryForList("select id from blob_upload where updated_at < ?", String.class,
                Timestamp.from(Instant.now().minus(idle)));
        idleUploads.forEach(this::removeUpload);
        return idleUploads.size();
    }

    private void removeUpload(String id) {
        List<Segment> segments = segments(id);
        transactions.executeWithoutResult(status -> {
            jdbc.update("delete from blob_upload_segment where upload_id = ?", id);
            jdbc.update("delete from blob_upload where id = ?", id);
        });
        segments.forEach(segment -> deleteQuietly(segment.key()));
    }

    private UploadState requireUpload(String repository, String id) {
        return upload(repository, id).orElseThrow(() -> RegistryException.of(Refusal.UPLOAD_NOT_FOUND, "upload", id));
    }

    private List<Segment> segments(String id) {
        return jdbc.query("select object_key, size, sha256 from blob_upload_segment where upload_id = ? order by start_offset",
                (row, n) -> new Segment(row.getString(1), row.getLong(2), row.getString(3)), id);
    }

    /**
     * Streams the bytes into an object: one {@code PutObject} if they fit in a part, else a multipart upload.
     *
     * @return how many bytes were written
     */
    private long put(String key, InputStream in, MessageDigest hash) throws IOException {
        byte[] buffer = new byte[PART_SIZE];
        int filled = fill(in, buffer);
        hash.update(buffer, 0, filled);
        if (filled < buffer.length) {
            s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled));
            return filled;
        }
        String upload = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long written = 0;
            for (int part = filled; part > 0; part = fill(in, buffer)) {
                if (!parts.isEmpty()) {
                    hash.update(buffer, 0, part);
                }
                parts.add(uploadPart(key, upload, parts.size() + 1, buffer, part));
                written += part;
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(upload)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            return written;
        } catch (IOException | RuntimeException failed) {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(upload));
            throw failed;
        }
    }

    private CompletedPart uploadPart(String key, String upload, int number, byte[] buffer, int length) {
        String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length)).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** Reads until the buffer is full or the stream ends; @return the bytes read */
    private static int fill(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        for (int read; filled < buffer.length && (read = in.read(buffer, filled, buffer.length - filled)) >= 0; ) {
            filled += read;
        }
        return filled;
    }

    private void deleteQuietly(String key) {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            // An orphan segment costs space only; expiry of its upload does not list it again.
        }
    }

    private static RegistryException mismatch(String digest, String actual) {
        return RegistryException.of(Refusal.UPLOAD_DIGEST_MISMATCH, "digest", digest, "computed", actual);
    }

    private static String key(String digest) {
        BlobDigest parsed = BlobDigest.parse(digest).requireSupported();
        return "blobs/" + parsed.algorithm() + "/" + parsed.hex();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
