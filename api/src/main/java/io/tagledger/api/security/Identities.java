package io.tagledger.api.security;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.settings.TagledgerProperties.Security.AccessKey;
import io.tagledger.api.settings.TagledgerProperties.Security.ApiToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The identities tagledger knows, from {@code tagledger.security}: access keys (SigV4 and HTTP Basic),
 * API tokens (bearer, kept as password hashes), and whether an identity provider's JWTs are accepted.
 * None configured is open mode.
 */
@Component
public class Identities {

    /** A token reads {@code tlk_<id>_<secret>}: the id finds its one hash, so a request costs one hash check at most. */
    public static final String TOKEN_PREFIX = "tlk_";
    /** A verified token is not hashed again for this long: a password hash costs tens of milliseconds by design. */
    private static final Duration VERIFIED_FOR = Duration.ofMinutes(5);
    private static final int MAX_VERIFIED = 10_000;

    private final Map<String, AccessKey> accessKeys;
    private final Map<String, ApiToken> apiTokens;
    private final boolean jwt;
    private final PasswordEncoder hashes = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    Identities(TagledgerProperties properties, ObjectProvider<JwtDecoder> jwtDecoder) {
        this.accessKeys = properties.security().accessKeys().stream()
                .collect(Collectors.toMap(AccessKey::id, Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("tagledger.security.access-keys: the id " + a.id() + " is there twice");
                }, LinkedHashMap::new));
        this.apiTokens = properties.security().apiTokens().stream()
                .collect(Collectors.toMap(ApiToken::id, Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("tagledger.security.api-tokens: the id " + a.id() + " is there twice");
                }, LinkedHashMap::new));
        this.jwt = jwtDecoder.getIfAvailable() != null;
    }

    /** Whether any identity is configured: if not, tagledger runs in open mode. */
    public boolean configured() {
        return !accessKeys.isEmpty() || !apiTokens.isEmpty() || jwt;
    }

    public Optional<AccessKey> accessKey(String id) {
        return Optional.ofNullable(accessKeys.get(id));
    }

    public static Identity of(AccessKey key) {
        return new Identity(key.name(), key.groups());
    }

    /** HTTP Basic: an access key's id and secret. */
    public Optional<Identity> basic(String id, String secret) {
        AccessKey key = accessKeys.get(id);
        if (key == null || !MessageDigest.isEqual(key.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(of(key));
    }

    /** A bearer API token, or empty when it is none of the configured ones. */
    public Optional<Identity> apiToken(String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        String digest = sha256(token);
        Verified known = verified.get(digest);
        if (known != null && known.until().isAfter(Instant.now())) {
            return Optional.of(known.identity());
        }
        int idEnd = token.indexOf('_', TOKEN_PREFIX.length());
        ApiToken configured = idEnd < 0 ? null : apiTokens.get(token.substring(TOKEN_PREFIX.length(), idEnd));
        if (configured == null || !matches(token, configured.hash())) {
            return Optional.empty();
        }
        Identity identity = new Identity(configured.principal(), configured.groups());
        if (verified.size() >= MAX_VERIFIED) {
            verified.clear();
        }
        verified.put(digest, new Verified(identity, Instant.now().plus(VERIFIED_FOR)));
        return Optional.of(identity);
    }

    /** A token no hash can match (bcrypt takes at most 72 bytes) is a wrong token, not a fault. */
    private boolean matches(String token, String hash) {
        try {
            return hashes.matches(token, hash);
        } catch (IllegalArgumentException unmatchable) {
            return false;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private record Verified(Identity identity, Instant until) {
    }
}
