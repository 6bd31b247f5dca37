package io.tagledger.query.messages;

import io.tagledger.domain.event.AccessDenied;
import io.tagledger.domain.event.CommandRefused;
import io.tagledger.domain.event.CreationTemplateCreated;
import io.tagledger.domain.event.CreationTemplateDeleted;
import io.tagledger.domain.event.CreationTemplateUpdated;
import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.ImageUntagged;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.TagMutabilitySet;
import io.tagledger.domain.event.TagReleased;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds audit trail entries; every filter is optional ({@code null}). Answers {@link AuditPage}.
 *
 * @param outcome     {@code accepted} or {@code refused}
 * @param from        entries at or after this instant
 * @param to          entries before this instant
 * @param newestFirst the order of the positions
 * @param after       the position to continue after, in the chosen order
 */
public record FindAuditTrail(String repository, String principal, String type, String outcome, Instant from, Instant to,
                             boolean newestFirst, int limit, Long after) {

    /** The entry types the trail holds: every event a repository can have, and refusals. */
    public static final List<String> TYPES = Stream.of(RepositoryCreated.class, TagMutabilitySet.class, ImagePushed.class,
            ImageUntagged.class, ImageDeleted.class, RepositoryDeleted.class, TagReleased.class, CreationTemplateCreated.class,
            CreationTemplateUpdated.class, CreationTemplateDeleted.class, CommandRefused.class,
            AccessDenied.class).map(Class::getSimpleName).toList();
}
