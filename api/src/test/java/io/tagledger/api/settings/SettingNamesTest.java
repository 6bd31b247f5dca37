package io.tagledger.api.settings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettingNamesTest {

    private final SettingNames names = new SettingNames();

    @Test
    void everySettingOfTheRecordsIsKnownWithItsListsAsIndexes() {
        assertThat(names.known()).contains("tagledger.data-dir", "tagledger.security.access-keys[*].id",
                "tagledger.security.access-keys[*].groups[*]", "tagledger.security.jwt.principal-claim", "tagledger.blobs.s3.path-style",
                "tagledger.nodes.secret");
    }

    @Test
    void aMisspelledNameIsAnsweredWithTheNearestKnownOneAndItsIndexes() {
        assertThat(names.nearest("tagledger.security.acess-keys[0].id")).isEqualTo("tagledger.security.access-keys[0].id");
        assertThat(names.nearest("tagledger.security.grants[2].repository[1]")).isEqualTo("tagledger.security.grants[2].repositories[1]");
        assertThat(names.nearest("tagledger.datadir")).isEqualTo("tagledger.data-dir");
    }

    @Test
    void aNameAnEarlierVersionReadIsAnsweredWithWhatReplacedIt() {
        assertThat(names.replacement("tagledger.ecr.credentials[0].access-key-id")).hasValueSatisfying(
                replacement -> assertThat(replacement).startsWith("tagledger.security.access-keys[i].id"));
        assertThat(names.replacement("tagledger.ecr.region")).isEmpty();
    }
}
