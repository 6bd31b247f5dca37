package io.tagledger.domain;

import java.util.List;

/**
 * How a repository asks for its content to be encrypted at rest, as ECR has it. tagledger keeps and
 * answers the setting; the blob store it runs on decides the encryption (see the README).
 *
 * @param kmsKey a KMS key, only with a KMS type; {@code null} for the default key
 */
public record EncryptionConfiguration(String encryptionType, String kmsKey) {

    static final List<String> TYPES = List.of("AES256", "KMS", "KMS_DSSE");
    public static final EncryptionConfiguration AES256 = new EncryptionConfiguration("AES256", null);

    public EncryptionConfiguration {
        if (encryptionType == null) {
            throw RegistryException.invalidParameter("encryptionConfiguration.encryptionType", "Member must not be null");
        }
        if (!TYPES.contains(encryptionType)) {
            throw RegistryException.invalidParameter("encryptionConfiguration.encryptionType",
                    "Member must satisfy enum value set: " + TYPES);
        }
        if (kmsKey != null && (encryptionType.equals("AES256") || kmsKey.isEmpty() || kmsKey.length() > 2048)) {
            throw RegistryException.invalidParameter("encryptionConfiguration.kmsKey",
                    "Member must be a key of 1 to 2048 characters, and only with a KMS encryption type");
        }
    }

    public boolean isDefault() {
        return equals(AES256);
    }
}
