package io.tagledger.query.history;

import java.time.Instant;

/** Where tag histories are kept: the database, or memory during a rebuild. {@link TagHistoryFold} changes either one. */
interface TagPeriods {

    /** Opens the tag's period at the digest, and ends the period open before it as moved by the same principal. */
    void open(String repository, String tag, String digest, String openedBy, long position, Instant at, String by);

    /** Ends the tag's open period, if it has one. */
    void end(String repository, String tag, Instant at, String by, String how);

    /** Ends every open period of the repository. */
    void endAll(String repository, Instant at, String by, String how);
}
