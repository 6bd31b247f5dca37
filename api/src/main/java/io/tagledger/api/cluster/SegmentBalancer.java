package io.tagledger.api.cluster;

import io.tagledger.api.config.TagledgerProperties;
import io.tagledger.api.storage.PeriodicTask;
import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Shares the projections' segments among the nodes of one database.
 *
 * <p>Axon's pooled processors claim segments through the shared token store, but without Axon Server
 * nothing balances them: the first node to start claims them all, and the others process nothing.
 * Here every node says it is alive every {@code tagledger.cluster.heartbeat} (a row in
 * {@code node_heartbeat}), and a node that holds more than its share of a projection's segments (the
 * segments divided by the live nodes, rounded up) releases one for a while, for another node to claim.
 * A node that dies stops saying so: once its claims time out (Axon's 10 s), the others claim its
 * segments, and their share grows to take them.
 */
@Component
@ConditionalOnProperty(name = "tagledger.shared-database", havingValue = "true")
public class SegmentBalancer extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    /** The name Axon's token store claims segments under: the JVM's, {@code pid@host}. */
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private static final Duration RELEASE_FOR = Duration.ofSeconds(12);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final Duration liveFor;
    private final ClusterReplays replays;

    SegmentBalancer(JdbcTemplate jdbc, TransactionTemplate transactions, EventProcessingConfiguration processing,
                    TokenStore tokenStore, ClusterReplays replays, TagledgerProperties properties) {
        super("segment-balancer", properties.cluster().heartbeat());
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.replays = replays;
        this.liveFor = properties.cluster().heartbeat().multipliedBy(5);
    }

    @Override
    protected void runOnce() {
        try {
            int live = beat();
            for (String group : ProcessingGroups.ALL) {
                if (!replays.underWay(group)) {
                    processing.eventProcessor(group, StreamingEventProcessor.class).ifPresent(processor -> balance(processor, live));
                }
            }
        } catch (RuntimeException e) {
            // The database may be away; the next round tries again, and Axon's claims time out meanwhile.
            log.warn("Could not balance the projections' segments: {}", e.toString());
        }
    }

    /** Records this node as alive; answers how many nodes are. */
    int beat() {
        Instant now = Instant.now();
        Integer live = transactions.execute(status -> {
            if (jdbc.update("update node_heartbeat set seen_at = ? where node_id = ?", Timestamp.from(now), NODE) == 0) {
                jdbc.update("insert into node_heartbeat (node_id, seen_at) values (?, ?)", NODE, Timestamp.from(now));
            }
            return jdbc.queryForObject("select count(*) from node_heartbeat where seen_at > ?", Integer.class,
                    Timestamp.from(now.minus(liveFor)));
        });
        return Math.max(1, live == null ? 1 : live);
    }

    private void balance(StreamingEventProcessor processor, int liveNodes) {
        int segments = transactions.execute(status -> tokenStore.fetchSegments(processor.getName()).length);
        int share = (segments + liveNodes - 1) / liveNodes;
        var claimed = processor.processingStatus().keySet();
        if (claimed.size() > share) {
            int segment = claimed.iterator().next();
            // Longer than a coordinator takes to look for unclaimed segments (Axon's token claim interval,
            // 5 s), or this node claims it back first; it comes back if no other node claims it.
            processor.releaseSegment(segment, RELEASE_FOR.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Released segment {} of {} for another node: {} live nodes, a share of {} of {} segments",
                    segment, processor.getName(), liveNodes, share, segments);
        }
    }

    public static String node() {
        return NODE;
    }
}
