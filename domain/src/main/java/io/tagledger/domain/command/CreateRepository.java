package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagProtection;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a repository. A repository that was deleted may be created again; its history stays. */
public record CreateRepository(@TargetAggregateIdentifier RepositoryName name, TagMutability tagMutability,
                               TagProtection tagProtection) {

    public CreateRepository {
        tagProtection = tagProtection == null ? TagProtection.NONE : tagProtection;
    }

    public CreateRepository(RepositoryName name, TagMutability tagMutability) {
        this(name, tagMutability, TagProtection.NONE);
    }
}
