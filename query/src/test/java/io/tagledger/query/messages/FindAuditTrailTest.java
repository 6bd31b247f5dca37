package io.tagledger.query.messages;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FindAuditTrailTest {

    @Test
    void theTrailsTypesAreEveryStoredEventClassAndNoUpcaster() {
        assertThat(FindAuditTrail.TYPES)
                .contains("RepositoryCreated", "ImagePushed", "ImageExpired", "LifecyclePolicySet", "RepositoryPolicySet",
                        "ResourceTagsAdded", "CommandRefused", "AccessDenied")
                .doesNotContain("TagRepushAdded", "TagProtectionAdded", "MemberAdded", "Refused")
                .isSorted();
    }
}
