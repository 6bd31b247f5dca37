package io.tagledger.query.history;

import io.tagledger.query.ReadsFrom;
import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.ImageUntagged;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.TagMutabilitySet;
import io.tagledger.query.api.FindRepositoryAsOf;
import io.tagledger.query.api.ImageSummary;
import io.tagledger.query.api.RepositoryAsOf;
import io.tagledger.query.api.RepositorySummary;
import io.tagledger.query.api.TagSummary;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Point-in-time reads: folds a repository's events, from the first, up to an instant. Nothing but
 * the event stream is consulted, so the answer is what the repository was then, whatever the views
 * say now.
 */
@Component
public class PointInTimeQueries {

    private final EventStore eventStore;

    PointInTimeQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    @ReadsFrom(ReadsFrom.EVENT_STORE)
    public Optional<RepositoryAsOf> handle(FindRepositoryAsOf query) {
        State state = new State();
        // From sequence 0: readEvents(id) alone would start at the latest snapshot.
        DomainEventStream events = eventStore.readEvents(query.repositoryName(), 0L);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getTimestamp().isAfter(query.asOf())) {
                break;
            }
            state.apply(event.getPayload(), event.getTimestamp());
        }
        return state.live ? Optional.of(state.toAnswer(query.repositoryName())) : Optional.empty();
    }

    private static final class State {
        private boolean live;
        private TagMutabilityMode mode;
        private List<String> filters;
        private TagProtection protection;
        private Instant createdAt;
        private final Map<String, Image> images = new TreeMap<>();
        private final Map<String, TagSummary> tags = new TreeMap<>();

        void apply(Object payload, Instant at) {
            if (payload instanceof RepositoryCreated created) {
                live = true;
                mode = created.imageTagMutability();
                filters = created.exclusionFilters();
                protection = created.tagProtection();
                createdAt = at;
                images.clear();
                tags.clear();
            } else if (payload instanceof TagMutabilitySet set) {
                mode = set.imageTagMutability();
                filters = set.exclusionFilters();
                protection = set.tagProtection();
            } else if (payload instanceof ImagePushed pushed) {
                images.computeIfAbsent(pushed.imageDigest(), digest -> new Image(pushed.mediaType(), pushed.sizeBytes(), at));
                if (pushed.tag() != null) {
                    tags.put(pushed.tag(), new TagSummary(pushed.tag(), pushed.imageDigest(), at));
                }
            } else if (payload instanceof ImageUntagged untagged) {
                tags.remove(untagged.tag());
            } else if (payload instanceof ImageDeleted deleted) {
                images.remove(deleted.imageDigest());
                deleted.tags().forEach(tags::remove);
            } else if (payload instanceof RepositoryDeleted) {
                live = false;
                images.clear();
                tags.clear();
            }
        }

        RepositoryAsOf toAnswer(String name) {
            Map<String, List<String>> tagsByDigest = new TreeMap<>();
            tags.values().forEach(tag -> tagsByDigest.computeIfAbsent(tag.digest(), digest -> new ArrayList<>()).add(tag.tag()));
            List<ImageSummary> imageList = images.entrySet().stream()
                    .map(entry -> new ImageSummary(entry.getKey(), tagsByDigest.getOrDefault(entry.getKey(), List.of()),
                            entry.getValue().mediaType(), entry.getValue().sizeBytes(), entry.getValue().pushedAt()))
                    .toList();
            return new RepositoryAsOf(new RepositorySummary(name, mode, filters, protection, createdAt, images.size()),
                    List.copyOf(tags.values()), imageList);
        }
    }

    private record Image(String mediaType, long sizeBytes, Instant pushedAt) {
    }
}
