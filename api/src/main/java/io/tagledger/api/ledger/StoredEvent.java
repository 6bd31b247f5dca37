package io.tagledger.api.ledger;

import org.axonframework.eventhandling.EventMessage;

/**
 * One event as the ledger writer stores it: the row of {@code domain_event_entry} but for its global
 * index, which the writer takes from the sequence as it inserts the row, and the message itself, which
 * the views are given in the same transaction.
 *
 * @param type     the aggregate type, or {@code null} for an event no aggregate applied (a refusal)
 * @param timeStamp the event's instant in Axon's stored text form
 */
record StoredEvent(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type, String timeStamp,
                   String payloadType, String payloadRevision, byte[] payload, byte[] metaData, EventMessage<?> message) {
}
