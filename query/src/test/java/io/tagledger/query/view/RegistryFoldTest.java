package io.tagledger.query.view;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.TagMutabilitySet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.tagledger.query.Events.REPOSITORY;
import static io.tagledger.query.Events.created;
import static io.tagledger.query.Events.deleted;
import static io.tagledger.query.Events.digest;
import static io.tagledger.query.Events.pushed;
import static io.tagledger.query.Events.untagged;
import static org.assertj.core.api.Assertions.assertThat;

/** The registry views' rules, event by event, on the in-memory store that point-in-time reads use. */
class RegistryFoldTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final MemoryViewStore views = new MemoryViewStore();

    private void given(Object... events) {
        for (int i = 0; i < events.length; i++) {
            RegistryFold.apply(events[i], T0.plusSeconds(i), views);
        }
    }

    private List<String> tags() {
        return views.tags(REPOSITORY).stream().map(tag -> tag.getTag() + "=" + tag.getDigest().charAt(7)).toList();
    }

    private List<String> images() {
        return views.images(REPOSITORY).stream().map(image -> image.getDigest().substring(7, 8)).toList();
    }

    @Test
    void aPushStoresTheImageAndPointsItsTag() {
        given(created(TagMutabilityMode.MUTABLE), pushed('a', "v1", null));
        assertThat(images()).containsExactly("a");
        assertThat(tags()).containsExactly("v1=a");
        assertThat(views.tags(REPOSITORY).get(0).getPushedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void aMovedTagLeavesItsOldImageStoredAndUntagged() {
        given(created(TagMutabilityMode.MUTABLE), pushed('a', "latest", null), pushed('b', "latest", digest('a')));
        assertThat(images()).containsExactly("a", "b");
        assertThat(tags()).containsExactly("latest=b");
        assertThat(views.tags(REPOSITORY).get(0).getPushedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void anUntaggedPushStoresTheImageOnly() {
        given(created(TagMutabilityMode.MUTABLE), pushed('a', null, null));
        assertThat(images()).containsExactly("a");
        assertThat(tags()).isEmpty();
    }

    @Test
    void aNewTagOnAStoredImageKeepsTheImageAsFirstPushed() {
        given(created(TagMutabilityMode.MUTABLE), pushed('a', "v1", null), pushed('a', "stable", null));
        assertThat(images()).containsExactly("a");
        assertThat(views.images(REPOSITORY).get(0).getPushedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(tags()).containsExactly("stable=a", "v1=a");
    }

    @Test
    void anUntagRemovesTheTagAndADeletionTheImageWithItsTags() {
        given(created(TagMutabilityMode.MUTABLE), pushed('a', "v1", null), pushed('a', "v2", null), pushed('b', "v3", null),
                untagged("v1", 'a'), deleted('a', "v2"));
        assertThat(images()).containsExactly("b");
        assertThat(tags()).containsExactly("v3=b");
    }

    @Test
    void aMutabilityChangeReplacesModeFiltersProtectionAndRepush() {
        given(created(TagMutabilityMode.MUTABLE),
                new TagMutabilitySet(REPOSITORY, TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION, List.of("dev-*"), TagProtection.STRICT,
                        TagRepush.ACCEPT_SAME_DIGEST));
        RepositoryEntry repository = views.repository(REPOSITORY).orElseThrow();
        assertThat(repository.getRules()).isEqualTo(new RepositoryRules(TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION, List.of("dev-*"),
                TagProtection.STRICT, TagRepush.ACCEPT_SAME_DIGEST));
        assertThat(repository.getCreatedAt()).isEqualTo(T0);
    }

    @Test
    void aDeletedRepositoryLeavesNothingAndCanBeCreatedAfresh() {
        given(created(TagMutabilityMode.MUTABLE), pushed('a', "v1", null), new RepositoryDeleted(REPOSITORY, true, 1));
        assertThat(views.repository(REPOSITORY)).isEmpty();
        assertThat(images()).isEmpty();
        assertThat(tags()).isEmpty();
        RegistryFold.apply(created(TagMutabilityMode.IMMUTABLE), T0.plusSeconds(10), views);
        assertThat(views.repository(REPOSITORY).orElseThrow().getCreatedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(images()).isEmpty();
    }

    @Test
    void aPushAppliedTwiceChangesNothingMore() {
        given(created(TagMutabilityMode.MUTABLE), pushed('a', "v1", null));
        RegistryFold.apply(pushed('a', "v1", null), T0.plusSeconds(1), views);
        assertThat(images()).containsExactly("a");
        assertThat(tags()).containsExactly("v1=a");
    }
}
