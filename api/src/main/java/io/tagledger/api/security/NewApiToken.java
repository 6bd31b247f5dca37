package io.tagledger.api.security;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Makes an API token: prints the token, to hand to its user once, and the configuration that keeps only
 * its hash. Run from the packaged jar (see docs/security.md):
 * {@code java -cp tagledger.jar -Dloader.main=io.tagledger.api.security.NewApiToken
 * org.springframework.boot.loader.launch.PropertiesLauncher <id> <principal> [group...]}.
 */
public final class NewApiToken {

    private NewApiToken() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || !args[0].matches("[a-z0-9]{1,32}")) {
            System.err.println("usage: NewApiToken <id: 1 to 32 lower-case letters and digits> <principal> [group...]");
            System.exit(2);
        }
        System.out.println(String.join("\n", describe(args[0], args[1], Arrays.copyOfRange(args, 2, args.length))));
    }

    /** The token, then the properties that configure it. */
    static String[] describe(String id, String principal, String... groups) {
        // 192 random bits in 32 characters: with the longest id, the token stays within bcrypt's 72 bytes.
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = Identities.TOKEN_PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(token);
        return new String[] {
                "# The token, for its user only (it is not kept anywhere):",
                "# " + token,
                "# The configuration, which keeps its hash only: add it with the next free index.",
                "tagledger.security.api-tokens[0].id=" + id,
                "tagledger.security.api-tokens[0].hash=" + hash,
                "tagledger.security.api-tokens[0].principal=" + principal,
                "tagledger.security.api-tokens[0].groups=" + String.join(",", groups)};
    }
}
