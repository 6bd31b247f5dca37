package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/** The repository was created asking for this encryption at rest, other than ECR's default, AES256. */
@Revision("1")
public record EncryptionConfigured(String repositoryName, String encryptionType, String kmsKey) {
}
