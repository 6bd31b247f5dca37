package io.tagledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/** An event's payload as the trail shows it: its JSON, without the manifest body. */
@Component
public class EventPayloads {

    private final ObjectMapper json;

    EventPayloads(ObjectMapper json) {
        this.json = json;
    }

    public JsonNode summarize(Object payload) {
        JsonNode tree = json.valueToTree(payload);
        if (tree instanceof ObjectNode object) {
            object.remove("manifest");
        }
        return tree;
    }

    public String summarizeAsText(Object payload) {
        return summarize(payload).toString();
    }
}
