package io.tagledger.api;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused command leaves its repository as it was, in memory too: it stays in the aggregate cache,
 * rather than being loaded again, snapshot and all, for the next command.
 */
class RefusalTest extends ApiTest {

    @Autowired
    private Cache imageRepositoryCache;

    @Test
    void aRefusalKeepsTheRepositoryCachedAndChangesNothing() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        assertThat(push(name, "v1", manifest(name)).status()).isEqualTo(201);
        assertThat(imageRepositoryCache.containsKey(name)).isTrue();
        long events = storedEvents();
        long refusals = refusalsRecorded();

        Response refused = push(name, "v1", manifest(name + "-other"));

        assertThat(refused.json().get("code").asText()).isEqualTo("ImageTagAlreadyExistsException");
        assertThat(imageRepositoryCache.containsKey(name)).isTrue();
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(refusalsRecorded()).isEqualTo(refusals + 1);
        // The cached state is the stored one: the tag still points at its first digest, and it may be pushed again elsewhere.
        assertThat(push(name, "v2", manifest(name + "-other")).status()).isEqualTo(201);
        assertThat(get("/repositories/" + name + "/-/tags/v1").json().get("digest").asText()).isEqualTo(digestOf(manifest(name)));
    }
}
