package io.tagledger.domain.command;

import io.tagledger.domain.EncryptionConfiguration;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.ResourceTags;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a repository. A repository that was deleted may be created again; its history stays.
 *
 * @param tagProtection {@code null} for NONE; @param tagRepush {@code null} for REFUSE, as ECR
 * @param tags          {@code null} for none
 * @param encryption    {@code null} for AES256, ECR's default
 */
public record CreateRepository(@TargetAggregateIdentifier RepositoryName name, TagMutability tagMutability,
                               TagProtection tagProtection, TagRepush tagRepush, ResourceTags tags, boolean scanOnPush,
                               EncryptionConfiguration encryption) {

    public CreateRepository {
        tagProtection = tagProtection == null ? TagProtection.NONE : tagProtection;
        tagRepush = tagRepush == null ? TagRepush.REFUSE : tagRepush;
        tags = tags == null ? ResourceTags.NONE : tags;
        encryption = encryption == null ? EncryptionConfiguration.AES256 : encryption;
    }

    public CreateRepository(RepositoryName name, TagMutability tagMutability, TagProtection tagProtection, TagRepush tagRepush) {
        this(name, tagMutability, tagProtection, tagRepush, null, false, null);
    }

    public CreateRepository(RepositoryName name, TagMutability tagMutability, TagProtection tagProtection) {
        this(name, tagMutability, tagProtection, null);
    }

    public CreateRepository(RepositoryName name, TagMutability tagMutability) {
        this(name, tagMutability, TagProtection.NONE, null);
    }
}
