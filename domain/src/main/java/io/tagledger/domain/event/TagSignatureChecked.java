package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/**
 * A tag's move onto an image was checked against the repository's trust policy, and went ahead: a verified
 * signature, or one in {@code AUDIT} mode, recorded either way. A move refused in {@code ENFORCE} mode is a
 * {@link CommandRefused} that says the same.
 *
 * @param signer    the trusted key or certificate a signature verified with, or {@code null}
 * @param signature the signature that verified, or {@code null}
 * @param reason    what verified, or why nothing did
 */
@Revision("1")
public record TagSignatureChecked(String repositoryName, String tag, String imageDigest, String mode, boolean verified,
                                  String signer, String signature, String reason) {
}
