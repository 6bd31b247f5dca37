package io.tagledger.api.consistency;

import io.tagledger.api.admin.Projections;
import io.tagledger.api.config.TagledgerProperties;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.consistency.ViewCatchUp;
import org.axonframework.commandhandling.CommandResultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Read-your-writes: a write answers once the projections show it, so that a query sent after a
 * write's response sees the write. The pieces, all in this package and in {@code query.consistency}:
 * <ul>
 *   <li>{@link AppliedSequences} puts on each command's result the sequence number of its last event;</li>
 *   <li>each projection records, per repository, the last sequence number it committed
 *       ({@code VersionTracker}, in the same transaction as its views);</li>
 *   <li>{@link PromptEventSource} wakes the projections as soon as an event is stored;</li>
 *   <li>this waits, boundedly, until every live projection has reached the command's last event;</li>
 *   <li>{@link ProjectionGate} refuses a query on a projection being rebuilt, as each handler declares.</li>
 * </ul>
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    private final ViewCatchUp viewCatchUp;
    private final Projections projections;
    private final TagledgerProperties properties;

    ReadYourWrites(ViewCatchUp viewCatchUp, Projections projections, TagledgerProperties properties) {
        this.viewCatchUp = viewCatchUp;
        this.projections = projections;
        this.properties = properties;
    }

    /** Waits until the projections show every event the command applied; a command that applied none waits for nothing. */
    public void awaitEffectOf(String repository, CommandResultMessage<?> result) {
        long sequence = result.getMetaData().get(AppliedSequences.LAST_SEQUENCE) instanceof AtomicLong slot ? slot.get() : -1;
        if (sequence >= 0) {
            await(repository, sequence);
        }
    }

    /**
     * Waits for every live projection; one being rebuilt answers 503 to its queries until it has caught
     * up anyway, and one stuck on a failing event cannot catch up until an operator fixes the cause
     * (its failure is on /admin/projections and /actuator/health).
     */
    private void await(String repository, long sequence) {
        long deadline = System.nanoTime() + properties.readYourWritesTimeout().toNanos();
        for (String group : ProcessingGroups.ALL) {
            if (projections.isLive(group) && !projections.isFailing(group)
                    && !viewCatchUp.await(group, repository, sequence, deadline)) {
                log.warn("The {} projection did not show event {} of repository {} within {}; answering anyway",
                        group, sequence, repository, properties.readYourWritesTimeout());
            }
        }
    }
}
