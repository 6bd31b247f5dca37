package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes the tag mutability for future pushes; tags already pushed are not re-examined.
 *
 * @param tagProtection the new protection, or {@code null} to keep the current one
 * @param tagRepush     whether a tag's digest is accepted again, or {@code null} to keep the current setting
 */
public record SetTagMutability(@TargetAggregateIdentifier RepositoryName name, TagMutability tagMutability,
                               TagProtection tagProtection, TagRepush tagRepush) {

    public SetTagMutability(RepositoryName name, TagMutability tagMutability, TagProtection tagProtection) {
        this(name, tagMutability, tagProtection, null);
    }

    public SetTagMutability(RepositoryName name, TagMutability tagMutability) {
        this(name, tagMutability, null, null);
    }
}
