package io.tagledger.api.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Examples for every REST operation, and the statuses each really answers, from
 * {@code openapi/examples.json}: keyed by {@code "METHOD /path"}, each with an optional request example
 * per media type and its responses by status (description, and an example per media type); the key
 * {@code "*"} holds the answers every operation can give (401, 403, 503). A success other than 200
 * takes the place, and the schema, of the 200 that springdoc infers from the return type.
 */
final class OpenApiExamples implements OpenApiCustomizer {

    private static final String RESOURCE = "/openapi/examples.json";
    private static final String EVERY_OPERATION = "*";

    private final JsonNode examples;
    private final ObjectMapper json;

    OpenApiExamples(ObjectMapper json) {
        this.json = json;
        try (InputStream in = OpenApiExamples.class.getResourceAsStream(RESOURCE)) {
            this.examples = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            JsonNode entry = examples.path(method.name() + " " + path);
            if (!entry.isMissingNode()) {
                requestExamples(operation, entry.path("request"));
                responses(operation, entry.path("responses"));
            }
            responses(operation, examples.path(EVERY_OPERATION).path("responses"));
        }));
    }

    private void requestExamples(Operation operation, JsonNode request) {
        if (operation.getRequestBody() == null || request.isMissingNode()) {
            return;
        }
        Content content = operation.getRequestBody().getContent();
        Schema<?> inferred = firstSchema(content);
        request.fields().forEachRemaining(example -> {
            MediaType media = content.computeIfAbsent(example.getKey(), type -> new MediaType().schema(inferred));
            media.setExample(value(example.getValue()));
        });
        withoutAnyType(content);
    }

    /** A body documented by its real media types, not the {@code *}{@code /*} of a controller that takes or gives any. */
    private static void withoutAnyType(Content content) {
        if (content.size() > 1) {
            content.remove(org.springframework.http.MediaType.ALL_VALUE);
        }
    }

    private void responses(Operation operation, JsonNode responses) {
        ApiResponses documented = operation.getResponses();
        ApiResponse inferred = documented.get("200");
        Iterator<Map.Entry<String, JsonNode>> statuses = responses.fields();
        while (statuses.hasNext()) {
            Map.Entry<String, JsonNode> status = statuses.next();
            ApiResponse response = documented.computeIfAbsent(status.getKey(), code -> new ApiResponse());
            response.setDescription(status.getValue().path("description").asText());
            if (status.getKey().startsWith("2") && !"200".equals(status.getKey())) {
                documented.remove("200");
            }
            JsonNode content = status.getValue().path("content");
            if (content.isMissingNode()) {
                response.setContent(null);
                continue;
            }
            if (response.getContent() == null) {
                response.setContent(new Content());
            }
            Schema<?> schema = status.getKey().startsWith("2") && inferred != null ? firstSchema(inferred.getContent()) : null;
            content.fields().forEachRemaining(example -> response.getContent()
                    .computeIfAbsent(example.getKey(), type -> new MediaType().schema(schema))
                    .setExample(value(example.getValue())));
            withoutAnyType(response.getContent());
        }
    }

    private static Schema<?> firstSchema(Content content) {
        return content == null || content.isEmpty() ? null : content.values().iterator().next().getSchema();
    }

    /** A JSON example as plain maps and lists, which any serializer writes as they are; a text example as text. */
    private Object value(JsonNode example) {
        return example.isTextual() ? example.asText() : json.convertValue(example, new TypeReference<Object>() {
        });
    }
}
