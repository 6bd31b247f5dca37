package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a repository. A repository that was deleted may be created again; its history stays.
 *
 * @param tagProtection {@code null} for NONE; @param tagRepush {@code null} for REFUSE, as ECR
 */
public record CreateRepository(@TargetAggregateIdentifier RepositoryName name, TagMutability tagMutability,
                               TagProtection tagProtection, TagRepush tagRepush) {

    public CreateRepository {
        tagProtection = tagProtection == null ? TagProtection.NONE : tagProtection;
        tagRepush = tagRepush == null ? TagRepush.REFUSE : tagRepush;
    }

    public CreateRepository(RepositoryName name, TagMutability tagMutability, TagProtection tagProtection) {
        this(name, tagMutability, tagProtection, null);
    }

    public CreateRepository(RepositoryName name, TagMutability tagMutability) {
        this(name, tagMutability, TagProtection.NONE, null);
    }
}
