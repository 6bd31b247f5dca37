package io.tagledger.api.nodes;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which node decides for which repository. One node decides for all ({@link SingleNode}); several
 * nodes on one database share the repositories out by leases on buckets of their names
 * ({@link BucketLeases}), so that each repository has one owner at a time.
 */
public interface Ownership {

    /** Buckets of repository names: the unit of ownership. */
    int BUCKETS = 64;

    Route route(String repository);

    /** Reads who owns what again, after an owner said it no longer is one. */
    void refresh();

    /** The bucket of a repository name, the same on every node (CRC-32 of its UTF-8 bytes). */
    static int bucketOf(String repository) {
        CRC32 crc = new CRC32();
        crc.update(repository.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % BUCKETS);
    }
}
