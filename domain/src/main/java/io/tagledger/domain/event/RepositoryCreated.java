package io.tagledger.domain.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A repository came into being (again, if it had been deleted).
 *
 * @param creationTemplate the prefix of the repository creation template it was created from by a push,
 *                         or {@code null} when it was created directly (as every repository was before templates)
 */
/*
 * Revision 2: tagProtection is never null. Revision 1 events stored before it existed are upcast
 * (TagProtectionAdded), with NONE: the only protection there was. creationTemplate is optional, so
 * the events stored before it existed read as they were: created directly.
 */
@Revision("2")
public record RepositoryCreated(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                                TagProtection tagProtection, String creationTemplate) {

    @JsonCreator
    public RepositoryCreated {
    }

    /** A repository created directly, from no template. */
    public RepositoryCreated(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                             TagProtection tagProtection) {
        this(repositoryName, imageTagMutability, exclusionFilters, tagProtection, null);
    }
}
