package io.tagledger.domain.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * An event that gained a member at a revision: an event stored at the revision before lacks it (or has
 * it null), and is read with the value that held when it was stored, so that no reader has to guess
 * what a missing value means. Each such change is one subclass that says which member, and its value.
 */
public class MemberAdded extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;
    private final String member;
    private final String value;

    protected MemberAdded(Class<?> event, String fromRevision, String toRevision, String member, String value) {
        this.from = new SimpleSerializedType(event.getName(), fromRevision);
        this.to = new SimpleSerializedType(event.getName(), toRevision);
        this.member = member;
        this.value = value;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            JsonNode present = payload.get(member);
            if (payload instanceof ObjectNode object && (present == null || present.isNull())) {
                object.put(member, value);
            }
            return payload;
        });
    }
}
