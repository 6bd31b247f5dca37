package io.tagledger.api.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.api.ApiTest;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Housekeeping on the real H2 file: it packs live data into fewer chunks and loses none of it. */
class H2HousekeepingTest extends ApiTest {

    private static final int PUSHES = 300;

    @Autowired
    private H2Housekeeping housekeeping;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
        // Rounds run when the test says so, not on the timer.
        registry.add("tagledger.storage.housekeeping-interval", () -> "1000h");
        // H2 rewrites no chunk younger than its retention time, and sets it again from the URL on every new
        // connection: the test cannot wait 5 s, and a retention set on the store alone is undone by the pool.
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:${tagledger.data-dir}/tagledger;WRITE_DELAY=0;"
                + "DB_CLOSE_ON_EXIT=FALSE;MAX_LENGTH_INPLACE_LOB=65536;QUERY_CACHE_SIZE=64;RETENTION_TIME=0");
    }

    @Test
    void housekeepingPacksTheChunksThatCommitsLeaveBehindAndKeepsEveryImage() {
        MVStore store = housekeeping.store();
        String repository = newRepositoryName();
        createRepository(repository, "MUTABLE");
        Set<String> pushed = new HashSet<>();
        for (int i = 0; i < PUSHES; i++) {
            Response response = push(repository, "build-" + i, manifest("housekeeping-" + i));
            assertThat(response.status()).as(response.text()).isEqualTo(201);
            pushed.add(response.json().get("digest").asText());
        }
        int before = store.getFileStore().getChunksFillRate();

        for (int round = 0; round < 20; round++) {
            housekeeping.compact();
        }

        int after = store.getFileStore().getChunksFillRate();
        assertThat(before).as("share of live bytes in the chunks before").isLessThan(50);
        assertThat(after).as("share of live bytes in the chunks after").isGreaterThanOrEqualTo(70);
        JsonNode images = get("/repositories/" + repository + "/-/images?limit=1000").json().get("items");
        Set<String> listed = new HashSet<>();
        images.forEach(image -> listed.add(image.get("digest").asText()));
        assertThat(listed).isEqualTo(pushed);
        for (int i = 0; i < PUSHES; i += 37) {
            Response manifest = get("/repositories/" + repository + "/-/manifests/build-" + i);
            assertThat(manifest.text()).isEqualTo(manifest("housekeeping-" + i));
        }
    }
}
