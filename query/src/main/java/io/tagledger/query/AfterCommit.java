package io.tagledger.query;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * What the read side keeps in memory and must move on with the views: told by the ledger writer after
 * each commit, before any write of it is answered, and after a view's rebuild.
 */
public interface AfterCommit {

    /** The events of a commit, whose view rows are now committed. */
    void committed(List<? extends EventMessage<?>> events);

    /** A view was rebuilt from the event store. */
    default void rebuilt() {
    }
}
