package io.tagledger.query.view;

import io.tagledger.query.messages.ManifestContent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's two promises on its own: it stays within its bound, and it never serves a repository's entry past a commit. */
class ManifestCacheTest {

    private static ManifestContent manifest(int i, int bytes) {
        return new ManifestContent("sha256:" + String.format("%064x", i), "application/vnd.oci.image.manifest.v1+json",
                "{\"pad\":\"" + "x".repeat(bytes) + "\"}");
    }

    @Test
    void theBoundHoldsWhenTheManifestsExceedIt() {
        long bound = 64 * 1024;
        ManifestCache cache = new ManifestCache(bound);
        for (int i = 0; i < 200; i++) {
            cache.put("team/app", "t" + i, cache.version("team/app"), manifest(i, 4_000));
            assertThat(cache.size()).isLessThanOrEqualTo(bound);
        }
        // Eight-odd 8 KB entries fit, and what is kept is served.
        assertThat(cache.size()).isGreaterThan(bound / 2);
        int served = 0;
        for (int i = 0; i < 200; i++) {
            if (cache.get("team/app", "t" + i).isPresent()) {
                assertThat(cache.get("team/app", "t" + i)).contains(manifest(i, 4_000));
                served++;
            }
        }
        assertThat(served).isBetween(1, 8);
    }

    @Test
    void aCommitOfTheRepositoryRetiresItsEntriesAndAReadThatRacedItIsNeverKept() {
        ManifestCache cache = new ManifestCache(1024 * 1024);
        long before = cache.version("team/app");
        cache.put("team/app", "v1", before, manifest(1, 10));
        cache.put("team/other", "v1", cache.version("team/other"), manifest(2, 10));
        assertThat(cache.get("team/app", "v1")).contains(manifest(1, 10));

        cache.committed(List.of(new GenericDomainEventMessage<>("ImageRepository", "team/app", 3, "moved")));
        assertThat(cache.get("team/app", "v1")).isEmpty();
        assertThat(cache.get("team/other", "v1")).as("another repository's entries stay").contains(manifest(2, 10));

        // A read that took the version before that commit, and puts what it read after it: not served.
        cache.put("team/app", "v1", before, manifest(1, 10));
        assertThat(cache.get("team/app", "v1")).isEmpty();

        cache.rebuilt();
        assertThat(cache.get("team/other", "v1")).isEmpty();
    }

    @Test
    void aSizeOfZeroKeepsNothing() {
        ManifestCache cache = new ManifestCache(0);
        cache.put("team/app", "v1", cache.version("team/app"), manifest(1, 10));
        assertThat(cache.get("team/app", "v1")).isEmpty();
        assertThat(cache.size()).isZero();
    }
}
