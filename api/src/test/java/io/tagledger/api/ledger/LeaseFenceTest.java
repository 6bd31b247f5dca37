package io.tagledger.api.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagledger.api.ApiTest;
import io.tagledger.domain.event.AccessDenied;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger writer stores a write only under the epoch of its bucket that it was decided under
 * ({@link Fence}): a write decided by a node whose bucket has moved on to another owner is not stored,
 * whatever that node still believes. Through the real writer on the real database (on PostgreSQL, with
 * the bucket's row held shared by the batch).
 */
class LeaseFenceTest extends ApiTest {

    private static final int BUCKET = 63;

    @Autowired
    private EventGateway events;
    @Autowired
    private MeterRegistry meters;

    private record DecidedUnder(int bucket, long epoch) implements Fence {
        @Override
        public boolean holds() {
            return true;
        }
    }

    @Test
    void aWriteDecidedUnderAnEpochThatHasMovedOnIsNotStoredAndOneUnderTheCurrentEpochIs() {
        long epoch = jdbc.queryForObject("select epoch from repository_bucket where bucket = ?", Long.class, BUCKET);
        double fencedBefore = meters.counter("tagledger.ledger.writes.fenced").count();
        long recordedBefore = refusalsRecorded();

        assertThatThrownBy(() -> record(new DecidedUnder(BUCKET, epoch - 1), "stale"))
                .satisfies(failure -> assertThat(causes(failure)).anyMatch(OwnershipLost.class::isInstance));
        assertThat(refusalsRecorded()).as("events stored by a write under a past epoch").isEqualTo(recordedBefore);
        assertThat(meters.counter("tagledger.ledger.writes.fenced").count()).isEqualTo(fencedBefore + 1);

        record(new DecidedUnder(BUCKET, epoch), "current");
        assertThat(refusalsRecorded()).isEqualTo(recordedBefore + 1);
    }

    private void record(Fence fence, String what) {
        AccessDenied event = new AccessDenied("fence/" + what, "ecr:PutImage", "AccessDeniedException", "decided under a lease: " + what);
        Fence.holding(fence, () -> {
            DefaultUnitOfWork.startAndGet(null).execute(() -> events.publish(event));
            return null;
        });
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }
}
