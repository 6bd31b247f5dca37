package io.tagledger.domain.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The repository's tag mutability changed; it applies to pushes from now on. */
/*
 * Revision 3: imageTagRepush is never null. Revision 2 events stored before it existed are upcast
 * (TagRepushAdded), with REFUSE. Revision 2: tagProtection is never null; revision 1 events are upcast
 * (TagProtectionAdded), with NONE: the only protection there was.
 */
@Revision("3")
public record TagMutabilitySet(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                               TagProtection tagProtection, TagRepush imageTagRepush) {

    @JsonCreator
    public TagMutabilitySet {
    }

    /** A change that refuses a tag's digest again, as ECR does. */
    public TagMutabilitySet(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                            TagProtection tagProtection) {
        this(repositoryName, imageTagMutability, exclusionFilters, tagProtection, TagRepush.REFUSE);
    }
}
