package io.tagledger.query.messages;

import io.tagledger.domain.event.RepositoryCreated;
import org.axonframework.serialization.Revision;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.time.Instant;
import java.util.List;

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

    /**
     * The entry types the trail holds: every event a repository can have, and refusals. They are the
     * event classes that carry a revision, which every stored event does; a new event is listed by being one.
     */
    public static final List<String> TYPES = storedEventTypes();

    private static List<String> storedEventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        return scanner.findCandidateComponents(RepositoryCreated.class.getPackageName()).stream()
                .map(BeanDefinition::getBeanClassName)
                .map(name -> name.substring(name.lastIndexOf('.') + 1))
                .sorted().toList();
    }
}
