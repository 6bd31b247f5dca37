package io.tagledger.domain.command;

import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Removes a tag. As in ECR, an image whose last tag goes is deleted with it.
 *
 * @param expectedDigest the digest the caller says the tag points to, or {@code null}; if it points
 *                       elsewhere the tag stays
 */
public record UntagImage(@TargetAggregateIdentifier RepositoryName name, ImageTag tag, ImageDigest expectedDigest) {

    public UntagImage(RepositoryName name, ImageTag tag) {
        this(name, tag, null);
    }
}
