package io.tagledger.api;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events stored in an older form are read in the current one by every reader: the aggregate, the
 * views rebuilt by a replay, and point-in-time reads, through the upcasters the service registers.
 */
class UpcastingTest extends ApiTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        // The test rewrites stored events and replays the views: nobody else's may be in this store.
        useOwnDatabase(registry);
    }

    @Autowired
    private Cache imageRepositoryCache;

    @Test
    void aRepositoryCreatedBeforeTagProtectionExistedReadsAsNoneEverywhere() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        // The event as a version before tag protection stored it: revision 1, no tagProtection member.
        String old = "{\"repositoryName\":\"" + name + "\",\"imageTagMutability\":\"IMMUTABLE\",\"exclusionFilters\":[]}";
        assertThat(jdbc.update("update domain_event_entry set payload = ?, payload_revision = '1' "
                + "where aggregate_identifier = ? and sequence_number = 0", old.getBytes(StandardCharsets.UTF_8), name)).isEqualTo(1);
        imageRepositoryCache.removeAll();

        assertThat(get("/repositories/" + name + "?asOf=" + Instant.now()).json().get("tagProtection").asText()).isEqualTo("NONE");
        assertThat(send("POST", "/admin/projections/registry-views/replay", null, null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response repository = get("/repositories/" + name);
            assertThat(repository.status()).as("503 while the views are rebuilt").isEqualTo(200);
            assertThat(repository.json().get("tagProtection").asText()).isEqualTo("NONE");
        });
        // The aggregate loads it too: the repository is still immutable, and can be made STRICT.
        assertThat(push(name, "v1", manifest("upcast")).status()).isEqualTo(201);
        assertThat(push(name, "v1", manifest("other")).status()).isEqualTo(409);
        assertThat(putJson("/repositories/" + name + "/-/tag-mutability",
                "{\"imageTagMutability\":\"IMMUTABLE\",\"tagProtection\":\"STRICT\"}").json().get("tagProtection").asText()).isEqualTo("STRICT");
    }

    @Test
    void aRepositoryCreatedBeforeRepushesWereAcceptedRefusesThemEverywhere() {
        String name = newRepositoryName();
        assertThat(postJson("/repositories", "{\"name\":\"" + name + "\",\"imageTagMutability\":\"IMMUTABLE\","
                + "\"imageTagRepush\":\"ACCEPT_SAME_DIGEST\"}").status()).isEqualTo(201);
        // The event as a version before repushes stored it: revision 2, no imageTagRepush member.
        String old = "{\"repositoryName\":\"" + name + "\",\"imageTagMutability\":\"IMMUTABLE\",\"exclusionFilters\":[],"
                + "\"tagProtection\":\"NONE\"}";
        assertThat(jdbc.update("update domain_event_entry set payload = ?, payload_revision = '2' "
                + "where aggregate_identifier = ? and sequence_number = 0", old.getBytes(StandardCharsets.UTF_8), name)).isEqualTo(1);
        imageRepositoryCache.removeAll();

        assertThat(send("POST", "/admin/projections/replay", null, null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response repository = get("/repositories/" + name);
            assertThat(repository.status()).as("503 while the views are rebuilt").isEqualTo(200);
            assertThat(repository.json().get("imageTagRepush").asText()).isEqualTo("REFUSE");
            Response then = get("/repositories/" + name + "?asOf=" + Instant.now());
            assertThat(then.status()).isEqualTo(200);
            assertThat(then.json().get("imageTagRepush").asText()).isEqualTo("REFUSE");
        });
        String manifest = manifest("before-repush");
        assertThat(push(name, "v1", manifest).status()).isEqualTo(201);
        assertThat(push(name, "v1", manifest).json().get("code").asText()).as("the aggregate refuses it too")
                .isEqualTo("ImageAlreadyExistsException");
    }
}
