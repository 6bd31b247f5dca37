package io.tagledger.api.nodes;

/**
 * A forwarded command that the node it was sent to did not take: that node does not own the
 * repository (any more), or could not be reached. Nothing was decided; the sender asks again who owns it.
 */
public class NotTheOwner extends RuntimeException {

    public NotTheOwner(String message) {
        super(message);
    }
}
