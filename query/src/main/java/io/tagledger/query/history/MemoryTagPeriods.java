package io.tagledger.query.history;

import io.tagledger.query.Rows;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Tag histories as a rebuild folds them: the open periods in memory, each ended one written as it
 * ends, in batches. Each period is numbered by the global index of the event that opened it, so
 * periods keep the order in which they opened. {@link #flush} writes the open ones.
 */
final class MemoryTagPeriods implements TagPeriods {

    private record Period(long id, String repository, String tag, String digest, String openedBy, Instant from, String movedBy) {

        Object[] row(Instant to, String endedBy, String how) {
            return new Object[] {id, repository, tag, digest, openedBy, Rows.timestamp(from), movedBy, Rows.timestamp(to), endedBy, how};
        }
    }

    private final Map<String, Map<String, Period>> open = new HashMap<>();
    private final Rows.Batch rows;

    MemoryTagPeriods(JdbcTemplate jdbc, String table) {
        this.rows = new Rows.Batch(jdbc, DatabaseTagPeriods.insertWhole(table));
    }

    @Override
    public void open(String repository, String tag, String digest, String openedBy, long position, Instant at, String by) {
        Period before = open.computeIfAbsent(repository, name -> new HashMap<>())
                .put(tag, new Period(position, repository, tag, digest, openedBy, at, by));
        if (before != null) {
            rows.add(before.row(at, by, "moved"));
        }
    }

    @Override
    public void end(String repository, String tag, Instant at, String by, String how) {
        Map<String, Period> tags = open.get(repository);
        Period period = tags == null ? null : tags.remove(tag);
        if (period != null) {
            rows.add(period.row(at, by, how));
        }
    }

    @Override
    public void endAll(String repository, Instant at, String by, String how) {
        Map<String, Period> tags = open.remove(repository);
        if (tags != null) {
            tags.values().forEach(period -> rows.add(period.row(at, by, how)));
        }
    }

    /** The open periods held. */
    int size() {
        return open.values().stream().mapToInt(Map::size).sum();
    }

    /** Writes the ended periods not written yet, and the open ones. */
    void flush() {
        open.values().forEach(tags -> tags.values().forEach(period -> rows.add(period.row(null, null, null))));
        open.clear();
        rows.flush();
    }
}
