package io.tagledger.domain.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.domain.TagRepush;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link RepositoryCreated} and {@link TagMutabilitySet} gained {@code imageTagRepush} at revision 3.
 * Events stored before it have none, and then every repository refused a tag's digest again, as ECR
 * does: this upcaster gives revision 2 events {@link TagRepush#REFUSE}, so that no reader has to guess
 * what a missing value means.
 */
public final class TagRepushAdded extends SingleEventUpcaster {

    static final String FROM = "2";
    static final String TO = "3";

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    private TagRepushAdded(Class<?> event) {
        this.from = new SimpleSerializedType(event.getName(), FROM);
        this.to = new SimpleSerializedType(event.getName(), TO);
    }

    public static TagRepushAdded toRepositoryCreated() {
        return new TagRepushAdded(RepositoryCreated.class);
    }

    public static TagRepushAdded toTagMutabilitySet() {
        return new TagRepushAdded(TagMutabilitySet.class);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            JsonNode repush = payload.get("imageTagRepush");
            if (payload instanceof ObjectNode object && (repush == null || repush.isNull())) {
                object.put("imageTagRepush", TagRepush.REFUSE.name());
            }
            return payload;
        });
    }
}
