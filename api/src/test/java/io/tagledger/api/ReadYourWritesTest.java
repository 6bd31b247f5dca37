package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A query sent after a write's response has arrived sees that write, every time. */
class ReadYourWritesTest extends ApiTest {

    @Test
    void anImagePushedIsListedByTheVeryNextRequest() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");

        for (int i = 0; i < 50; i++) {
            String tag = "build-" + i;
            Response pushed = push(name, tag, manifest(name + i));
            assertThat(pushed.status()).isEqualTo(201);

            JsonNode images = get("/repositories/" + name + "/-/images?limit=1000").json().get("items");
            assertThat(images).as("images right after push %d", i).hasSize(i + 1);
            List<String> tags = new ArrayList<>();
            images.forEach(image -> image.get("tags").forEach(t -> tags.add(t.asText())));
            assertThat(tags).contains(tag);
        }
    }

    @Test
    void aRepositoryCreatedIsReadableByTheVeryNextRequest() {
        for (int i = 0; i < 20; i++) {
            String name = newRepositoryName();
            createRepository(name, "IMMUTABLE");
            assertThat(get("/repositories/" + name).status()).isEqualTo(200);
        }
    }

    @Test
    void aDeletionIsSeenByTheVeryNextRequest() {
        for (int i = 0; i < 20; i++) {
            String name = newRepositoryName();
            createRepository(name, "MUTABLE");
            push(name, "v1", manifest("gone" + i));
            assertThat(delete("/repositories/" + name + "/-/tags/v1").status()).isEqualTo(204);
            assertThat(get("/repositories/" + name + "/-/images").json().get("items")).isEmpty();
        }
    }
}
