package io.tagledger.api.cluster;

import io.tagledger.api.admin.Projections;
import io.tagledger.api.admin.ReplayCoordination;
import io.tagledger.api.config.TagledgerProperties;
import io.tagledger.api.storage.PeriodicTask;
import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replays across the nodes of one database (see {@link ReplayCoordination}), through the table
 * {@code projection_replay}: one row per replay under way, naming the node that runs it. Each round
 * ({@code tagledger.cluster.heartbeat}):
 * <ul>
 *   <li>a node that did not ask stops the projection, which lets its segments go, and starts it again
 *       once the row is gone;</li>
 *   <li>the node that asked stops its own, resets every segment's token (possible once no other node
 *       holds one) and starts it: the replay runs there alone; once it has caught up, the row goes;</li>
 *   <li>a row whose node has died goes too: the tokens it reset carry the replay, which the remaining
 *       nodes finish.</li>
 * </ul>
 */
@Component
@ConditionalOnProperty(name = "tagledger.shared-database", havingValue = "true")
public class ClusterReplays extends PeriodicTask implements ReplayCoordination {

    private static final Logger log = LoggerFactory.getLogger(ClusterReplays.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Projections projections;
    private final Duration liveFor;
    /** The replays under way, by projection: the node running each, as last read. */
    private volatile Map<String, String> underWay = Map.of();
    /** Replays this node asked for and has not reset yet. */
    private final Set<String> toReset = ConcurrentHashMap.newKeySet();
    /** Projections this node stopped for another node's replay. */
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    ClusterReplays(JdbcTemplate jdbc, EventProcessingConfiguration processing, @Lazy Projections projections,
                   TagledgerProperties properties) {
        super("cluster-replays", properties.cluster().heartbeat());
        this.jdbc = jdbc;
        this.processing = processing;
        this.projections = projections;
        this.liveFor = properties.cluster().heartbeat().multipliedBy(5);
    }

    @Override
    public void request(String projection) {
        try {
            jdbc.update("insert into projection_replay (processor_name, requested_by, requested_at) values (?, ?, ?)",
                    projection, SegmentBalancer.node(), Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException alreadyUnderWay) {
            jdbc.update("update projection_replay set requested_by = ?, requested_at = ? where processor_name = ?",
                    SegmentBalancer.node(), Timestamp.from(Instant.now()), projection);
        }
        Map<String, String> now = new HashMap<>(underWay);
        now.put(projection, SegmentBalancer.node());
        underWay = Map.copyOf(now);
        toReset.add(projection);
    }

    @Override
    public boolean holdsBack(String projection) {
        String node = underWay.get(projection);
        return toReset.contains(projection) || node != null && !node.equals(SegmentBalancer.node());
    }

    /** Whether any node is replaying the projection: its segments are not to be balanced meanwhile. */
    boolean underWay(String projection) {
        return underWay.containsKey(projection);
    }

    @Override
    protected void runOnce() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("Could not coordinate replays: {}", e.toString());
        }
    }

    private void round() {
        jdbc.update("delete from projection_replay where requested_by not in "
                + "(select node_id from node_heartbeat where seen_at > ?)", Timestamp.from(Instant.now().minus(liveFor)));
        Map<String, String> rows = new HashMap<>();
        jdbc.query("select processor_name, requested_by from projection_replay",
                row -> {
                    rows.put(row.getString("processor_name"), row.getString("requested_by"));
                });
        underWay = Map.copyOf(rows);
        for (String projection : ProcessingGroups.ALL) {
            StreamingEventProcessor processor = processing.eventProcessor(projection, StreamingEventProcessor.class).orElseThrow();
            String node = rows.get(projection);
            if (toReset.contains(projection)) {
                reset(projection);
            } else if (node == null) {
                if (stopped.remove(projection)) {
                    processor.start();
                    log.info("Started {} again after another node's replay", projection);
                }
            } else if (!node.equals(SegmentBalancer.node())) {
                if (stopped.add(projection)) {
                    processor.shutDown();
                    log.info("Stopped {} while {} replays it", projection, node);
                }
            } else if (projections.isLive(projection)) {
                jdbc.update("delete from projection_replay where processor_name = ? and requested_by = ?", projection, SegmentBalancer.node());
                log.info("The replay of {} has caught up; the other nodes start it again", projection);
            }
        }
    }

    private void reset(String projection) {
        try {
            projections.resetAndStart(projection);
            toReset.remove(projection);
            log.info("Reset every segment of {}: the replay runs on this node", projection);
        } catch (RuntimeException stillClaimed) {
            // Another node has not let its segments go yet: the next round tries again.
            log.info("Waiting for the other nodes to let {} go: {}", projection, stillClaimed.toString());
        }
    }
}
