package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/** A repository creation template was deleted. */
@Revision("1")
public record CreationTemplateDeleted(String prefix) {
}
