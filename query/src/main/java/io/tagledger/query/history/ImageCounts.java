package io.tagledger.query.history;

import java.time.Instant;

/**
 * A repository name's running numbers in its image periods, so that a point-in-time read counts the
 * images held at an instant with two index reads instead of a scan of every period: the images pushed
 * into it and the image periods ended in it so far, and the instant of the latest of those. Each push
 * carries the number of pushes up to it, each end the number of ends up to it; the images held at an
 * instant are the last push number at or before it less the last end number at or before it.
 *
 * <p>The numbers count in the order of the instants, so no image period, and no period of the
 * repository's rules, starts or ends before the repository name's latest one: an event whose timestamp
 * is earlier than one folded before it (events timestamped by concurrent commands and stored in another
 * order) is recorded at that latest instant. Then every instant sees the images and the repository
 * that the registry had after a prefix of its ledger.
 *
 * @param clock the latest instant a period of the repository name started or ended at
 */
record ImageCounts(Instant clock, long pushed, long deleted) {

    static final ImageCounts NONE = new ImageCounts(Instant.EPOCH, 0, 0);

    /** Later than any instant a period is recorded at, and within what every database stores. */
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    /** The instant an event timestamped {@code at} is recorded at: never before the latest one. */
    Instant instant(Instant at) {
        return at.isAfter(clock) ? at : clock;
    }

    /** With one more image pushed at an instant. */
    ImageCounts pushed(Instant at) {
        return new ImageCounts(instant(at), pushed + 1, deleted);
    }

    /** With {@code count} more periods ended at an instant. */
    ImageCounts deleted(long count, Instant at) {
        return new ImageCounts(instant(at), pushed, deleted + count);
    }

    /** These pushes with the ends of another. */
    ImageCounts with(ImageCounts ends) {
        return new ImageCounts(instant(ends.clock), pushed, ends.deleted);
    }
}
