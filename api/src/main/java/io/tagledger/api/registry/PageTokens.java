package io.tagledger.api.registry;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.storage.KeptKeys;
import io.tagledger.domain.RegistryException;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Page tokens (REST cursors, ECR's {@code nextToken}): the key of the last item served, bound to the
 * listing it came from (its kind and every filter) and signed with HMAC-SHA256. A random, truncated,
 * tampered or another listing's token is refused: answering it with an empty page would make a
 * client believe it had seen everything.
 *
 * <p>The key is {@code tagledger.page-token-key} when set (several nodes must share one); otherwise a
 * random key kept in the data directory, so that tokens outlive a restart.
 */
@Component
class PageTokens {

    private static final String SEPARATOR = "\n";
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    PageTokens(TagledgerProperties properties) {
        String configured = properties.pageTokenKey();
        byte[] secret = configured != null && !configured.isBlank()
                ? configured.getBytes(StandardCharsets.UTF_8)
                : KeptKeys.read(Path.of(properties.dataDir(), "page-token.key"));
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /**
     * The keys that the page asked for continues after, or {@code null} for a first page.
     *
     * @param listing what is listed, with every filter that shapes it
     */
    List<String> after(String listing, PageRequest page, int keys) {
        if (page.token() == null) {
            return null;
        }
        return decode(listing, page.token(), keys).orElseThrow(() -> foreign(page));
    }

    /** The one key that the page asked for continues after, or {@code null} for a first page. */
    String afterKey(String listing, PageRequest page) {
        List<String> keys = after(listing, page, 1);
        return keys == null ? null : keys.get(0);
    }

    /** The refusal of a token that no previous page of this listing gave. */
    static RegistryException foreign(PageRequest page) {
        return RegistryException.invalidParameter(page.tokenMember(), "Member must be a token that the previous page of this listing returned");
    }

    /** The token of the page after the key given, or {@code null} when there is none. */
    String next(String listing, String... keys) {
        return keys[0] == null ? null : encode(listing, List.of(keys));
    }

    /** @param listing what was listed, with every filter that shaped it; the token is valid for that listing only */
    String encode(String listing, List<String> keys) {
        byte[] payload = String.join(SEPARATOR, keys).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(listing, payload));
    }

    /** @return the keys, one per key given to {@link #encode}; empty when the token is not one of this listing's */
    Optional<List<String>> decode(String listing, String token, int keys) {
        int dot = token.indexOf('.');
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] mac = DECODER.decode(token.substring(dot + 1));
            // Only the one encoding this class writes: base64 tolerates other last characters for the same bytes.
            if (!ENCODER.encodeToString(payload).equals(token.substring(0, dot)) || !MessageDigest.isEqual(mac, mac(listing, payload))) {
                return Optional.empty();
            }
            List<String> parts = List.of(new String(payload, StandardCharsets.UTF_8).split(SEPARATOR, -1));
            return parts.size() == keys ? Optional.of(parts) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String listing, byte[] payload) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(listing.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return Arrays.copyOf(hmac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
