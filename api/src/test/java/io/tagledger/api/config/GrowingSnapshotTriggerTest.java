package io.tagledger.api.config;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots of a long history come less often, and a cold load never replays more than a tenth of it. */
class GrowingSnapshotTriggerTest {

    private final List<Long> snapshotsAt = new ArrayList<>();
    private final Snapshotter snapshotter = new Snapshotter() {
        @Override
        public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
            snapshotsAt.add(sequence);
        }
    };
    private long sequence;

    @Test
    void aShortHistoryIsSnapshottedEveryThresholdEvents() {
        apply(GrowingSnapshotTrigger.definition(snapshotter, 250).prepareTrigger(Object.class), 1_000);

        assertThat(snapshotsAt).containsExactly(249L, 499L, 749L, 999L);
    }

    @Test
    void aLongHistoryIsSnapshottedAfterATenthOfItself() {
        apply(GrowingSnapshotTrigger.definition(snapshotter, 250).prepareTrigger(Object.class), 1_000_000);

        long previous = -1;
        for (long at : snapshotsAt) {
            long replayedOnColdLoad = at - previous;
            assertThat(replayedOnColdLoad).isLessThanOrEqualTo(Math.max(250, at / 10 + 1));
            previous = at;
        }
        assertThat(1_000_000 - 1 - previous).isLessThanOrEqualTo(100_000);
        // Ten snapshots up to 2,500 events, then each a tenth further on: 66. A fixed threshold of 250
        // would have taken 4,000, ever larger.
        assertThat(snapshotsAt).hasSizeBetween(60, 70);
    }

    @Test
    void aTriggerLoadedWithItsAggregateGetsTheSnapshotterBack() {
        var definition = GrowingSnapshotTrigger.definition(snapshotter, 10);
        SnapshotTrigger trigger = definition.prepareTrigger(Object.class);
        apply(trigger, 5);

        SnapshotTrigger reconfigured = definition.reconfigure(Object.class, trigger);
        assertThat(reconfigured).isSameAs(trigger);
        apply(reconfigured, 10);
        assertThat(snapshotsAt).containsExactly(9L);
    }

    private void apply(SnapshotTrigger trigger, long events) {
        trigger.initializationFinished();
        long end = sequence + events;
        for (; sequence < end; sequence++) {
            trigger.eventHandled(new GenericDomainEventMessage<>("ImageRepository", "team/app", sequence, "event"));
        }
    }
}
