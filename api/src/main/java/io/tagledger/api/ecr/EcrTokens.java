package io.tagledger.api.ecr;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * ECR's {@code nextToken}: opaque to clients, it carries the key of the last item served and the kind
 * of listing it belongs to. The next page starts after that key, so a token always advances (the AWS
 * CLI follows tokens until there is none, and would loop forever on one that did not).
 */
final class EcrTokens {

    private static final String SEPARATOR = "\n";

    private EcrTokens() {
    }

    static String encode(String kind, String... keys) {
        String text = kind + SEPARATOR + String.join(SEPARATOR, keys);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the keys, one per part given to {@link #encode} after the kind */
    static List<String> decode(String token, String kind, int parts) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            List<String> pieces = List.of(text.split(SEPARATOR, -1));
            if (pieces.size() == parts + 1 && pieces.get(0).equals(kind)) {
                return pieces.subList(1, pieces.size());
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw EcrException.invalidParameter("nextToken", "Member must be a nextToken returned by a previous " + kind + " call");
    }
}
