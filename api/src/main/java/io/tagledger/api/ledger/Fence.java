package io.tagledger.api.ledger;

import java.util.function.Supplier;

/**
 * The lease a decision was taken under, with several nodes: the bucket of repository names its
 * repository falls in, and that bucket's epoch, which grows with each new owner. The ledger writer
 * stores a write only if its bucket's epoch is still this one, holding the bucket's row shared until
 * it commits ({@link LedgerWriter}): a node that lost the bucket never appends to it, whatever it had
 * decided before.
 */
public interface Fence {

    int bucket();

    long epoch();

    /** Whether this node still decides under this lease: a decision that appends nothing is checked here. */
    boolean holds();

    /** Runs the work with the fence on this thread: every write the work hands the ledger writer carries it. */
    static <T> T holding(Fence fence, Supplier<T> work) {
        Fence before = Holder.CURRENT.get();
        Holder.CURRENT.set(fence);
        try {
            return work.get();
        } finally {
            if (before == null) {
                Holder.CURRENT.remove();
            } else {
                Holder.CURRENT.set(before);
            }
        }
    }

    /** The fence of the decision being taken on this thread, or {@code null} (a single node needs none). */
    static Fence current() {
        return Holder.CURRENT.get();
    }

    final class Holder {
        private static final ThreadLocal<Fence> CURRENT = new ThreadLocal<>();

        private Holder() {
        }
    }
}
