package io.tagledger.api.ledger;

/**
 * A write that was not appended because the state it was decided on is not the store's: another
 * writer, on another node, appended to the repository first (the store refused it by its key,
 * repository and sequence number), or an earlier write of this node that it was decided on failed.
 * The command is then retried on fresh state.
 */
public class AppendConflict extends RuntimeException {

    AppendConflict(Throwable cause) {
        super("Another writer appended to the repository first", cause);
    }

    AppendConflict(String why) {
        super(why);
    }
}
