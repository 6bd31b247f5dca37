package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/**
 * A command on a repository was refused. Part of the audit trail, not of the repository's history:
 * it is not applied by the aggregate and changes nothing.
 *
 * @param command   the command's name, e.g. {@code PushImage}
 * @param errorCode the refusal's code, ECR's exception name
 * @param tag       the tag the refusal is about, if any
 * @param digest    the digest the refusal is about, if any
 */
@Revision("1")
public record CommandRefused(String repositoryName, String command, String errorCode, String message, String tag,
                             String digest) implements Refused {
}
