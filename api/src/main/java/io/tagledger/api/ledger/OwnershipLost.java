package io.tagledger.api.ledger;

/**
 * A decision not stored, or not answered, because this node no longer owns its repository: another
 * node took the repository's bucket over (its epoch moved on), or this node's lease lapsed. Nothing
 * was written; the command is sent again, to the repository's owner.
 */
public class OwnershipLost extends RuntimeException {

    public OwnershipLost(String message) {
        super(message);
    }
}
