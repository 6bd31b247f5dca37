package io.tagledger.query.history;

import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.ImageUntagged;
import io.tagledger.domain.event.RepositoryDeleted;
import org.axonframework.eventhandling.EventMessage;

/**
 * What each event does to the tag histories: the one place those rules live, applied by the
 * projection to the database and by a rebuild in memory. A deleted repository's history stays.
 */
final class TagHistoryFold {

    private TagHistoryFold() {
    }

    /** @param position the event's global index */
    static void apply(long position, EventMessage<?> message, TagPeriods periods) {
        Object event = message.getPayload();
        Object principal = message.getMetaData().get("principal");
        String by = principal == null ? null : principal.toString();
        if (event instanceof ImagePushed pushed) {
            if (pushed.tag() != null) {
                periods.open(pushed.repositoryName(), pushed.tag(), pushed.imageDigest(), message.getIdentifier(), position,
                        message.getTimestamp(), by == null ? "anonymous" : by);
            }
        } else if (event instanceof ImageUntagged untagged) {
            periods.end(untagged.repositoryName(), untagged.tag(), message.getTimestamp(), by, "untagged");
        } else if (event instanceof ImageDeleted deleted) {
            deleted.tags().forEach(tag -> periods.end(deleted.repositoryName(), tag, message.getTimestamp(), by, "deleted"));
        } else if (event instanceof RepositoryDeleted repositoryDeleted) {
            periods.endAll(repositoryDeleted.repositoryName(), message.getTimestamp(), by, "repository-deleted");
        }
    }
}
