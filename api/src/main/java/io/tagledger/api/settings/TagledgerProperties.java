package io.tagledger.api.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * tagledger's settings, under {@code tagledger.*}.
 *
 * @param dataDir               where the embedded H2 database keeps its files
 * @param snapshotThreshold     the fewest events between two snapshots of a repository; a long history waits
 *                              for a tenth of itself
 * @param aggregateCacheSize    repositories kept in memory between commands; beyond it, Ehcache evicts some, and
 *                              an evicted one is loaded from its snapshot when next used
 * @param maxRequestSize        the largest request body accepted; a manifest may be 4 MiB, ECR's JSON escapes it
 * @param pageTokenKey          the key that signs page tokens; unset, a random key kept in the data directory
 * @param sharedDatabase        other nodes write to the same database (the postgres profile): a cached
 *                              repository is checked against the event store before each command
 * @param ecr                   the ECR-compatible API
 * @param security              who may call, and what each may do; none configured is open mode
 * @param storage               upkeep of the embedded H2 file
 * @param blobs                 the blobs that registry clients push (layers, configs)
 * @param nodes                 several nodes on one database: who owns which repository
 * @param lifecycle             when the repositories' lifecycle policies are applied
 * @param log                   the transparency log: its name, its signing key, its checkpoints, who may read it
 */
@ConfigurationProperties(value = "tagledger", ignoreUnknownFields = false)
public record TagledgerProperties(
        @DefaultValue("./data") String dataDir,
        @DefaultValue("250") int snapshotThreshold,
        @DefaultValue("1000") int aggregateCacheSize,
        @DefaultValue("64MB") DataSize manifestCacheSize,
        @DefaultValue("10MB") DataSize maxRequestSize,
        String pageTokenKey,
        @DefaultValue("false") boolean sharedDatabase,
        @DefaultValue Ecr ecr,
        @DefaultValue Security security,
        @DefaultValue Storage storage,
        @DefaultValue Blobs blobs,
        @DefaultValue Nodes nodes,
        @DefaultValue Lifecycle lifecycle,
        @DefaultValue Log log) {

    public TagledgerProperties {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("tagledger.snapshot-threshold must be at least 1, not " + snapshotThreshold);
        }
        if (aggregateCacheSize < 1) {
            throw new IllegalArgumentException("tagledger.aggregate-cache-size must be at least 1, not " + aggregateCacheSize);
        }
        if (manifestCacheSize.isNegative()) {
            throw new IllegalArgumentException("tagledger.manifest-cache-size must be 0 (no cache) or more, not " + manifestCacheSize);
        }
    }

    /**
     * @param housekeepingInterval   how often the H2 file's sparse chunks are compacted
     * @param housekeepingWriteLimit the most live data one round rewrites; the store is locked while it does
     * @param recoveryInterval       how often the database is probed, and reopened after a storage failure
     */
    public record Storage(
            @DefaultValue("1s") Duration housekeepingInterval,
            @DefaultValue("16MB") DataSize housekeepingWriteLimit,
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
     * @param url    where the other nodes reach this one with the commands of the repositories it owns: a port of
     *               its own, apart from the APIs'; unset, a free loopback port, which serves nodes on one machine only
     * @param secret the key every node signs the commands it forwards with, the same on every node; several nodes
     *               do not start without it, since a forwarded command is taken as its sender's word
     * @param lease  how long a node's ownership of a bucket of repositories lasts without being renewed: a node
     *               cut off stops deciding once it lapses, and another node takes the bucket over after it
     */
    public record Nodes(String url, String secret, @DefaultValue("3s") Duration lease) {

        public Nodes {
            if (lease.toMillis() < 300) {
                throw new IllegalArgumentException("tagledger.nodes.lease must be at least 300ms, not " + lease);
            }
            if (url != null && !url.matches("https?://[^/]+")) {
                throw new IllegalArgumentException("tagledger.nodes.url must be a scheme, host and port, such as http://10.0.0.5:8080, not " + url);
            }
        }

        /** Never the secret. */
        @Override
        public String toString() {
            return "Nodes[url=" + url + ", lease=" + lease + "]";
        }
    }

    /**
     * @param uploadExpiry      an upload session nobody has written to for this long is removed, with its bytes
     * @param requireReferenced whether the ECR and REST APIs, too, refuse a manifest whose blobs are not in the
     *                          repository (as ECR does); the OCI API always does
     * @param gcInterval        how often blobs that no manifest names are collected
     * @param gcGrace           how long a blob is kept after it was uploaded, mounted or last named by a push, even
     *                          if no manifest names it: longer than any push takes from its first blob to its manifest
     * @param store             where blobs are kept: {@code file}, under the data directory (one node), or {@code s3},
     *                          in an S3-compatible object store that several nodes share
     * @param s3                the object store, with {@code store=s3}
     */
    public record Blobs(@DefaultValue("24h") Duration uploadExpiry, @DefaultValue("false") boolean requireReferenced,
                        @DefaultValue("1h") Duration gcInterval, @DefaultValue("1h") Duration gcGrace,
                        @DefaultValue("file") String store, @DefaultValue S3 s3) {

        public Blobs {
            if (!store.equals("file") && !store.equals("s3")) {
                throw new IllegalArgumentException("tagledger.blobs.store must be file or s3, not " + store);
            }
            if (store.equals("s3") && (s3.bucket() == null || s3.bucket().isBlank())) {
                throw new IllegalArgumentException("tagledger.blobs.store=s3 needs tagledger.blobs.s3.bucket");
            }
            if (uploadExpiry.isNegative() || uploadExpiry.isZero()) {
                throw new IllegalArgumentException("tagledger.blobs.upload-expiry must be positive, not " + uploadExpiry);
            }
            if (gcInterval.isNegative() || gcInterval.isZero()) {
                throw new IllegalArgumentException("tagledger.blobs.gc-interval must be positive, not " + gcInterval);
            }
            if (gcGrace.isNegative()) {
                throw new IllegalArgumentException("tagledger.blobs.gc-grace must not be negative, not " + gcGrace);
            }
        }
    }

    /**
     * @param bucket          the bucket blobs are kept in; it must exist
     * @param region          the bucket's region
     * @param endpoint        the store's URL, for a store other than Amazon S3 (MinIO, Ceph, s3proxy...); unset, Amazon S3's
     * @param pathStyle       whether the bucket is named in the path ({@code http://host/bucket/key}) rather than the host,
     *                        as most stores other than Amazon S3 need
     * @param accessKeyId     the key to sign requests with; unset, the AWS SDK's default credentials (environment,
     *                        profile, instance role)
     * @param secretAccessKey its secret
     */
    public record S3(String bucket, @DefaultValue("us-east-1") String region, String endpoint, @DefaultValue("false") boolean pathStyle,
                     String accessKeyId, String secretAccessKey) {

        public S3 {
            if ((accessKeyId == null) != (secretAccessKey == null)) {
                throw new IllegalArgumentException("tagledger.blobs.s3.access-key-id and secret-access-key are set together or not at all");
            }
        }

        /** Never the secret. */
        @Override
        public String toString() {
            return "S3[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
                    + ", accessKeyId=" + accessKeyId + "]";
        }
    }

    /**
     * @param registryId    the 12-digit account id that answers as this registry
     * @param region        the one region this registry serves: a request signed for another is refused;
     *                      ARNs and URIs name it
     * @param maxClockSkew  how far a signed request's date may be from the server's clock
     */
    public record Ecr(
            @DefaultValue("000000000000") String registryId,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("15m") Duration maxClockSkew) {

        public Ecr {
            if (registryId == null || !registryId.matches("[0-9]{12}")) {
                throw new IllegalArgumentException("tagledger.ecr.registry-id must be 12 digits, not " + registryId);
            }
            if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")) {
                throw new IllegalArgumentException("tagledger.ecr.region must be an AWS region name such as us-east-1, not " + region);
            }
        }
    }

    /**
     * @param accessKeys the keys that sign ECR requests (SigV4) and log in with HTTP Basic
     * @param apiTokens  bearer tokens for the REST API, kept only as password hashes
     * @param jwt        how a JWT from an identity provider names its principal and groups (the provider itself is
     *                   Spring's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri})
     * @param grants     what each principal or group may do, on which repositories
     * @param tokenKey   the key that signs registry login tokens (ECR's GetAuthorizationToken); unset, a random key
     *                   kept in the data directory (several nodes must share one)
     * @param tokenLifetime how long a registry login token is valid (ECR's are 12 hours)
     */
    public record Security(List<AccessKey> accessKeys, List<ApiToken> apiTokens, @DefaultValue Jwt jwt, List<Grant> grants,
                           String tokenKey, @DefaultValue("12h") Duration tokenLifetime) {

        public Security {
            accessKeys = accessKeys == null ? List.of() : List.copyOf(accessKeys);
            apiTokens = apiTokens == null ? List.of() : List.copyOf(apiTokens);
            grants = grants == null ? List.of() : List.copyOf(grants);
            for (int i = 0; i < accessKeys.size(); i++) {
                AccessKey key = accessKeys.get(i);
                require(key.id() != null && key.id().matches("[A-Za-z0-9]{4,128}"), "access-keys[" + i + "].id",
                        "4 to 128 letters and digits", key.id());
                require(key.secret() != null && !key.secret().isEmpty(), "access-keys[" + i + "].secret", "set", "empty");
            }
            for (int i = 0; i < apiTokens.size(); i++) {
                ApiToken token = apiTokens.get(i);
                require(token.id() != null && token.id().matches("[a-z0-9]{1,32}"), "api-tokens[" + i + "].id",
                        "1 to 32 lower-case letters and digits", token.id());
                require(token.hash() != null && token.hash().startsWith("{"), "api-tokens[" + i + "].hash",
                        "a password hash with its algorithm, such as {bcrypt}$2a$10$...", "(not shown)");
                require(token.principal() != null && !token.principal().isBlank(), "api-tokens[" + i + "].principal", "a name",
                        token.principal());
            }
        }

        private static void require(boolean valid, String property, String what, String value) {
            if (!valid) {
                throw new IllegalArgumentException("tagledger.security." + property + " must be " + what + ", not " + value);
            }
        }

        /** @param principal the name it acts under; its id unless set */
        public record AccessKey(String id, String secret, String principal, List<String> groups) {

            public AccessKey {
                groups = groups == null ? List.of() : List.copyOf(groups);
            }

            public String name() {
                return principal == null || principal.isBlank() ? id : principal;
            }

            /** Never the secret. */
            @Override
            public String toString() {
                return "AccessKey[id=" + id + ", principal=" + name() + ", groups=" + groups + "]";
            }
        }

        /** @param id names the token (a token reads {@code tlk_<id>_<secret>}); @param hash of the whole token */
        public record ApiToken(String id, String hash, String principal, List<String> groups) {

            public ApiToken {
                groups = groups == null ? List.of() : List.copyOf(groups);
            }

            @Override
            public String toString() {
                return "ApiToken[id=" + id + ", principal=" + principal + ", groups=" + groups + "]";
            }
        }

        public record Jwt(@DefaultValue("sub") String principalClaim, @DefaultValue("groups") String groupsClaim) {
        }

        /**
         * @param principals   who it is granted to, by name
         * @param groups       who it is granted to, by group
         * @param actions      ECR's IAM action names ({@code ecr:PutImage}) and tagledger's own; {@code *} for all
         * @param repositories repository name patterns, in ECR's wildcard syntax; every repository ({@code *}) unless set
         * @param tags         tag patterns, in ECR's wildcard syntax: {@code ecr:PutImage} and {@code ecr:BatchDeleteImage}
         *                     then apply only to the tags that match; every tag unless set
         */
        public record Grant(List<String> principals, List<String> groups, List<String> actions, List<String> repositories,
                            List<String> tags) {

            public Grant {
                principals = principals == null ? List.of() : List.copyOf(principals);
                groups = groups == null ? List.of() : List.copyOf(groups);
                actions = actions == null ? List.of() : List.copyOf(actions);
                repositories = repositories == null ? List.of("*") : List.copyOf(repositories);
                tags = tags == null ? List.of() : List.copyOf(tags);
            }
        }
    }

    /**
     * @param interval how often each repository's lifecycle policy is applied, by the node that owns the
     *                 repository (ECR applies them within a day)
     */
    public record Lifecycle(@DefaultValue("1h") Duration interval) {

        public Lifecycle {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("tagledger.lifecycle.interval must be more than 0, not " + interval);
            }
        }
    }

    /**
     * @param origin             the log's name: its checkpoints' origin line, and its key's name
     * @param keyFile            the Ed25519 key that signs checkpoints (PEM: the PKCS#8 private key, then the
     *                           public key); unset, one made and kept in the data directory. Several nodes share one
     * @param checkpointInterval how often a checkpoint is signed while the log grows
     * @param readableByAnyone   whether {@code /log/} may be read without credentials ({@code tagledger.log.public})
     */
    public record Log(@DefaultValue("tagledger.local/log") String origin, String keyFile,
                      @DefaultValue("1s") Duration checkpointInterval,
                      @Name("public") @DefaultValue("false") boolean readableByAnyone) {

        public Log {
            if (origin.isEmpty() || origin.chars().anyMatch(c -> c <= ' ' || c == '+' || c == 0x7f)) {
                throw new IllegalArgumentException("tagledger.log.origin must be a name without spaces or '+', not '" + origin + "'");
            }
            if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
                throw new IllegalArgumentException("tagledger.log.checkpoint-interval must be more than 0, not " + checkpointInterval);
            }
        }
    }
}
