package io.tagledger.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Map;

/**
 * tagledger's settings, under {@code tagledger.*}.
 *
 * @param dataDir               where the embedded H2 database keeps its files
 * @param readYourWritesTimeout how long a write waits for the views to show it before answering anyway
 * @param snapshotThreshold     events between two snapshots of a repository
 * @param aggregateCacheSize    repositories kept in memory between commands; beyond it, Ehcache evicts some, and
 *                              an evicted one is loaded from its snapshot when next used
 * @param maxRequestSize        the largest request body accepted; a manifest may be 4 MiB, ECR's JSON escapes it
 * @param pageTokenKey          the key that signs page tokens; unset, a random key kept in the data directory
 * @param ecr                   the ECR-compatible API
 * @param storage               upkeep of the embedded H2 file
 */
@ConfigurationProperties("tagledger")
public record TagledgerProperties(
        @DefaultValue("./data") String dataDir,
        @DefaultValue("5s") Duration readYourWritesTimeout,
        @DefaultValue("250") int snapshotThreshold,
        @DefaultValue("1000") int aggregateCacheSize,
        @DefaultValue("10MB") DataSize maxRequestSize,
        String pageTokenKey,
        @DefaultValue Ecr ecr,
        @DefaultValue Storage storage) {

    public TagledgerProperties {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("tagledger.snapshot-threshold must be at least 1, not " + snapshotThreshold);
        }
        if (aggregateCacheSize < 1) {
            throw new IllegalArgumentException("tagledger.aggregate-cache-size must be at least 1, not " + aggregateCacheSize);
        }
    }

    /**
     * @param housekeepingInterval   how often the H2 file's sparse chunks are compacted
     * @param housekeepingWriteLimit the most live data one round rewrites; the store is locked while it does
     * @param recoveryInterval       how often the database is probed, and reopened after a storage failure
     */
    public record Storage(
            @DefaultValue("1s") Duration housekeepingInterval,
            @DefaultValue("1MB") DataSize housekeepingWriteLimit,
            @DefaultValue("1s") Duration recoveryInterval) {

        public Storage {
            if (housekeepingInterval.isNegative() || housekeepingInterval.toMillis() == 0) {
                throw new IllegalArgumentException("tagledger.storage.housekeeping-interval must be at least 1ms, not " + housekeepingInterval);
            }
            if (recoveryInterval.isNegative() || recoveryInterval.toMillis() == 0) {
                throw new IllegalArgumentException("tagledger.storage.recovery-interval must be at least 1ms, not " + recoveryInterval);
            }
            if (housekeepingWriteLimit.toBytes() < 1 || housekeepingWriteLimit.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tagledger.storage.housekeeping-write-limit must be from 1B to 2GB, not " + housekeepingWriteLimit);
            }
        }
    }

    /**
     * @param registryId    the 12-digit account id that answers as this registry
     * @param region        the one region this registry serves: a request signed for another is refused;
     *                      ARNs and URIs name it
     * @param credentials   access key id to secret access key; when any are set, every ECR request must
     *                      carry a valid SigV4 signature by one of them
     * @param maxClockSkew  how far a signed request's date may be from the server's clock
     */
    public record Ecr(
            @DefaultValue("000000000000") String registryId,
            @DefaultValue("us-east-1") String region,
            Map<String, String> credentials,
            @DefaultValue("15m") Duration maxClockSkew) {

        public Ecr {
            if (registryId == null || !registryId.matches("[0-9]{12}")) {
                throw new IllegalArgumentException("tagledger.ecr.registry-id must be 12 digits, not " + registryId);
            }
            if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")) {
                throw new IllegalArgumentException("tagledger.ecr.region must be an AWS region name such as us-east-1, not " + region);
            }
            credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        }
    }
}
