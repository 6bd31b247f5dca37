package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/**
 * A caller was denied an action, as CloudTrail records an {@code AccessDenied}: who (the principal) and
 * from where are in the event's metadata, like every event's.
 *
 * @param repositoryName the repository the action was on, or {@code *} for an action on every repository
 * @param action         the permission the caller lacked, e.g. {@code ecr:PutImage}
 */
@Revision("1")
public record AccessDenied(String repositoryName, String action, String errorCode, String message) implements Refused {
}
