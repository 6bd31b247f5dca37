package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What was the repository at an instant: a scripted history, with the instants between its steps known. */
class PointInTimeTest extends ApiTest {

    /** An instant strictly after everything so far and strictly before whatever comes next. */
    private static Instant between() throws InterruptedException {
        Thread.sleep(5);
        Instant instant = Instant.now();
        Thread.sleep(5);
        return instant;
    }

    private Map<String, String> tagsAt(String name, Instant at) {
        Map<String, String> tags = new LinkedHashMap<>();
        get("/repositories/" + name + "/-/tags?asOf=" + at).json().get("items")
                .forEach(tag -> tags.put(tag.get("tag").asText(), tag.get("digest").asText()));
        return tags;
    }

    private List<String> imagesAt(String name, Instant at, String tagStatus) {
        List<String> digests = new ArrayList<>();
        get("/repositories/" + name + "/-/images?tagStatus=" + tagStatus + "&asOf=" + at).json().get("items")
                .forEach(image -> digests.add(image.get("digest").asText()));
        return digests;
    }

    @Test
    void theRepositoryIsReadExactlyAsItWasAtEachInstantOfItsHistory() throws Exception {
        String name = newRepositoryName();
        String a = manifest(name + "a");
        String b = manifest(name + "b");
        Instant beforeCreation = between();
        createRepository(name, "MUTABLE");
        push(name, "prod", a);
        Instant prodOnA = between();
        push(name, "prod", b);
        Instant prodOnB = between();
        putJson("/repositories/" + name + "/-/tag-mutability", "{\"imageTagMutability\":\"IMMUTABLE\"}");
        Instant immutable = between();
        delete("/repositories/" + name + "/-/tags/prod");
        Instant untagged = between();
        delete("/repositories/" + name + "?force=true");
        Instant deleted = between();

        assertThat(get("/repositories/" + name + "?asOf=" + beforeCreation).status()).isEqualTo(404);

        assertThat(tagsAt(name, prodOnA)).containsExactly(Map.entry("prod", digestOf(a)));
        assertThat(imagesAt(name, prodOnA, "ANY")).containsExactly(digestOf(a));
        assertThat(get("/repositories/" + name + "?asOf=" + prodOnA).json().get("imageTagMutability").asText()).isEqualTo("MUTABLE");

        assertThat(tagsAt(name, prodOnB)).containsExactly(Map.entry("prod", digestOf(b)));
        assertThat(imagesAt(name, prodOnB, "UNTAGGED")).containsExactly(digestOf(a));
        assertThat(imagesAt(name, prodOnB, "TAGGED")).containsExactly(digestOf(b));

        JsonNode atImmutable = get("/repositories/" + name + "?asOf=" + immutable).json();
        assertThat(atImmutable.get("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
        assertThat(atImmutable.get("imageCount").asInt()).isEqualTo(2);

        assertThat(tagsAt(name, untagged)).isEmpty();
        assertThat(imagesAt(name, untagged, "ANY")).containsExactly(digestOf(a));

        assertThat(get("/repositories/" + name + "?asOf=" + deleted).status()).isEqualTo(404);
        assertThat(get("/repositories/" + name + "/-/tags?asOf=" + deleted).status()).isEqualTo(404);
    }

    @Test
    void asOfNowAgreesWithTheViews() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        for (int i = 0; i < 6; i++) {
            push(name, "t" + (i % 4), manifest(name + i));
        }
        Instant now = Instant.now();

        assertThat(get("/repositories/" + name + "/-/images?asOf=" + now).json())
                .isEqualTo(get("/repositories/" + name + "/-/images").json());
        assertThat(get("/repositories/" + name + "/-/tags?asOf=" + now).json())
                .isEqualTo(get("/repositories/" + name + "/-/tags").json());
        assertThat(get("/repositories/" + name + "?asOf=" + now).json()).isEqualTo(get("/repositories/" + name).json());
    }

    @Test
    void aPointInTimeListingPages() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        for (int i = 0; i < 5; i++) {
            push(name, "p" + i, manifest(name + i));
        }
        String at = Instant.now().toString();
        List<String> tags = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/repositories/" + name + "/-/tags?limit=2&asOf=" + at + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(tag -> tags.add(tag.get("tag").asText()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null && tags.size() < 100);
        assertThat(tags).containsExactly("p0", "p1", "p2", "p3", "p4");
    }

    @Test
    void anAsOfThatIsNotAnInstantIsRejected() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        Response response = get("/repositories/" + name + "?asOf=last-tuesday");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo("asOf");
    }
}
