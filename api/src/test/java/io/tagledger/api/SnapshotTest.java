package io.tagledger.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.domain.ImageRepository;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A repository with a long history is loaded from a snapshot, and the rules hold on the loaded state. */
class SnapshotTest extends ApiTest {

    @Autowired
    private Cache imageRepositoryCache;

    @Autowired
    private EventStore eventStore;

    @Test
    void aLongHistoryIsSnapshottedAndTheSnapshotRestoresTheRules() {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        assertThat(putJson("/repositories/" + name + "/-/tag-mutability",
                "{\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\",\"exclusionFilters\":[\"dev-*\"]}").status()).isEqualTo(200);
        for (int i = 0; i < 300; i++) {
            assertThat(push(name, "v" + i, manifest(name + i)).status()).isEqualTo(201);
        }
        push(name, "dev-1", manifest("dev"));

        Integer snapshots = jdbc.queryForObject(
                "select count(*) from snapshot_event_entry where aggregate_identifier = ?", Integer.class, name);
        assertThat(snapshots).isEqualTo(1);
        // The event store falls back to the full history when a snapshot cannot be read: make sure it can.
        assertThat(eventStore.readEvents(name).peek().getPayloadType()).isEqualTo(ImageRepository.class);

        // Forget the cached aggregate: the next command must load it from the snapshot and the events after it.
        imageRepositoryCache.removeAll();

        assertThat(push(name, "v7", manifest("other")).json().get("code").asText()).isEqualTo("ImageTagAlreadyExistsException");
        assertThat(push(name, "v7", manifest(name + 7)).json().get("code").asText()).isEqualTo("ImageAlreadyExistsException");
        assertThat(push(name, "dev-1", manifest("dev-2")).status()).isEqualTo(201);
        assertThat(push(name, "v300", manifest(name + 0)).status()).isEqualTo(201);
    }

    /**
     * A snapshot taken before the aggregate's revision 2 (no push times, no lifecycle policy) is passed over:
     * the repository is loaded from its events, and its policy counts every image's push.
     */
    @Test
    void aSnapshotOfAnEarlierRevisionIsPassedOverAndTheEventsLoadTheRepository() throws Exception {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        for (int i = 0; i < 300; i++) {
            assertThat(push(name, "dev-" + i, manifest(name + i)).status()).isEqualTo(201);
        }
        byte[] snapshot = jdbc.queryForObject("select payload from snapshot_event_entry where aggregate_identifier = ?", byte[].class, name);
        ObjectNode earlier = (ObjectNode) JSON.readTree(snapshot);
        earlier.remove(List.of("pushedAt", "lifecyclePolicy", "resourceTags", "repositoryPolicy"));
        assertThat(jdbc.update("update snapshot_event_entry set payload = ?, payload_revision = null where aggregate_identifier = ?",
                JSON.writeValueAsBytes(earlier), name)).isEqualTo(1);
        imageRepositoryCache.removeAll();

        assertThat(putJson("/repositories/" + name + "/-/lifecycle-policy", LifecyclePolicyTest.POLICY).status()).isEqualTo(200);
        Response applied = postJson("/repositories/" + name + "/-/lifecycle-policy/apply", "");
        assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        assertThat(applied.json().get("expired")).hasSize(298);
    }
}
