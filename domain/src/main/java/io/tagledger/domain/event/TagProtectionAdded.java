package io.tagledger.domain.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.domain.TagProtection;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link RepositoryCreated} and {@link TagMutabilitySet} gained {@code tagProtection} at revision 1,
 * without a revision of their own. Events stored before it have none, and then every repository's
 * protection was {@link TagProtection#NONE} (there was no other): revision 2 always has it, and this
 * upcaster gives it to revision 1 events that lack it, so that no reader has to guess what a missing
 * value means.
 */
public final class TagProtectionAdded extends SingleEventUpcaster {

    static final String FROM = "1";
    static final String TO = "2";

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    private TagProtectionAdded(Class<?> event) {
        this.from = new SimpleSerializedType(event.getName(), FROM);
        this.to = new SimpleSerializedType(event.getName(), TO);
    }

    public static TagProtectionAdded toRepositoryCreated() {
        return new TagProtectionAdded(RepositoryCreated.class);
    }

    public static TagProtectionAdded toTagMutabilitySet() {
        return new TagProtectionAdded(TagMutabilitySet.class);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            JsonNode protection = payload.get("tagProtection");
            if (payload instanceof ObjectNode object && (protection == null || protection.isNull())) {
                object.put("tagProtection", TagProtection.NONE.name());
            }
            return payload;
        });
    }
}
