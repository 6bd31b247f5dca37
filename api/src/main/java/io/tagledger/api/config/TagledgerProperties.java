package io.tagledger.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * tagledger's settings, under {@code tagledger.*}.
 *
 * @param dataDir               where the embedded H2 database keeps its files
 * @param readYourWritesTimeout how long a write waits for the views to show it before answering anyway
 * @param snapshotThreshold     events between two snapshots of a repository
 * @param maxRequestSize        the largest request body accepted; a manifest may be 4 MiB, ECR's JSON escapes it
 */
@ConfigurationProperties("tagledger")
public record TagledgerProperties(
        @DefaultValue("./data") String dataDir,
        @DefaultValue("5s") Duration readYourWritesTimeout,
        @DefaultValue("250") int snapshotThreshold,
        @DefaultValue("10MB") DataSize maxRequestSize) {
}
