package io.tagledger.api.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * When a repository is snapshotted: after {@code threshold} events, or after a tenth of its history,
 * whichever is more.
 *
 * <p>A snapshot holds every image of the repository, so its cost grows with the repository. With a
 * fixed count, a repository of 100,000 images rewrote a snapshot of all of them every 250 pushes: the
 * snapshots' bytes grew with the square of the history. Here they grow with the history, about eleven
 * times its last snapshot in all, and a cold load still replays at most a tenth of it.
 */
final class GrowingSnapshotTrigger extends AbstractSnapshotTrigger {

    /** The share of the history a cold load may replay: a tenth. */
    static final int HISTORY_DIVISOR = 10;

    private final int threshold;
    private long sequence;
    private int sinceSnapshot;

    private GrowingSnapshotTrigger(Snapshotter snapshotter, Class<?> aggregateType, int threshold) {
        super(snapshotter, aggregateType);
        this.threshold = threshold;
    }

    /** The trigger's definition: a threshold of {@code tagledger.snapshot-threshold} events at least. */
    static SnapshotTriggerDefinition definition(Snapshotter snapshotter, int threshold) {
        return new SnapshotTriggerDefinition() {
            @Override
            public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
                return new GrowingSnapshotTrigger(snapshotter, aggregateType, threshold);
            }

            @Override
            public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
                if (trigger instanceof GrowingSnapshotTrigger growing) {
                    growing.setSnapshotter(snapshotter);
                    return growing;
                }
                return prepareTrigger(aggregateType);
            }
        };
    }

    @Override
    public void eventHandled(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> event) {
            sequence = event.getSequenceNumber();
        }
        sinceSnapshot++;
        super.eventHandled(message);
    }

    @Override
    protected boolean exceedsThreshold() {
        return sinceSnapshot >= Math.max(threshold, sequence / HISTORY_DIVISOR);
    }

    @Override
    protected void reset() {
        sinceSnapshot = 0;
    }
}
