package io.tagledger.domain.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A repository came into being (again, if it had been deleted).
 *
 * @param creationTemplate the prefix of the repository creation template it was created from by a push,
 *                         or {@code null} when it was created directly
 */
/*
 * Revision 3: imageTagRepush is never null. Revision 2 events stored before it existed are upcast
 * (TagRepushAdded), with REFUSE: what every repository did then. Revision 2: tagProtection is never
 * null; revision 1 events are upcast (TagProtectionAdded), with NONE. creationTemplate may be null.
 */
@Revision("3")
public record RepositoryCreated(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                                TagProtection tagProtection, TagRepush imageTagRepush, String creationTemplate) {

    @JsonCreator
    public RepositoryCreated {
    }

    /** A repository created directly, from no template, that refuses a tag's digest again, as ECR does. */
    public RepositoryCreated(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                             TagProtection tagProtection) {
        this(repositoryName, imageTagMutability, exclusionFilters, tagProtection, TagRepush.REFUSE, null);
    }
}
