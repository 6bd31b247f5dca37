package io.tagledger.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class NewApiTokenTest {

    @Test
    void aNewTokenMatchesTheHashItsConfigurationKeepsEvenWithTheLongestId() {
        String id = "a".repeat(32);
        String[] lines = NewApiToken.describe(id, "deploy-bot", "ci", "release");

        String token = lines[1].substring(2);
        String hash = lines[4].substring(lines[4].indexOf('=') + 1);
        assertThat(token).startsWith("tlk_" + id + "_");
        assertThat(token.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(72);
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(token, hash)).isTrue();
        assertThat(String.join("\n", lines)).doesNotContain("hash=" + token).contains("groups=ci,release");
        assertThat(NewApiToken.describe(id, "deploy-bot")[1]).isNotEqualTo(lines[1]);
    }
}
