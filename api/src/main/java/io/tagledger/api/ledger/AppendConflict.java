package io.tagledger.api.ledger;

/**
 * A write whose events the store refused by its key (repository, sequence number): another writer,
 * on another node, appended to the repository first. The command is then retried on fresh state.
 */
public class AppendConflict extends RuntimeException {

    AppendConflict(Throwable cause) {
        super("Another writer appended to the repository first", cause);
    }
}
