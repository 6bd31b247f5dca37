package io.tagledger.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.storage.KeptKeys;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Registry login tokens, as ECR's {@code GetAuthorizationToken} hands them out: a time-limited password
 * for the user {@code AWS}, standing for the identity that asked for it. Each is a JWT signed (HS256,
 * Nimbus JOSE) with a key of the server's, so that any node sharing the key can check it, and nothing is stored.
 */
@Component
public class RegistryTokens {

    /** The user name that goes with a token, as with ECR. */
    public static final String USER = "AWS";
    private static final String ISSUER = "tagledger";

    private final byte[] key;
    private final Duration lifetime;

    RegistryTokens(TagledgerProperties properties) {
        String configured = properties.security().tokenKey();
        if (configured != null && configured.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("tagledger.security.token-key must be at least 32 bytes (HS256 needs 256 bits)");
        }
        this.key = configured != null ? configured.getBytes(StandardCharsets.UTF_8)
                : KeptKeys.read(Path.of(properties.dataDir(), "registry-token.key"));
        this.lifetime = properties.security().tokenLifetime();
    }

    public record Issued(String password, Instant expiresAt) {
    }

    public Issued issue(Identity identity) {
        Instant expiresAt = Instant.now().plus(lifetime);
        try {
            SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .issuer(ISSUER).subject(identity.principal()).claim("groups", identity.groups())
                    .issueTime(new Date()).expirationTime(Date.from(expiresAt)).build());
            token.sign(new MACSigner(key));
            return new Issued(token.serialize(), expiresAt);
        } catch (JOSEException e) {
            throw new IllegalStateException("A 256-bit key signs HS256", e);
        }
    }

    /** The identity a token stands for, if it is one of this server's and has not expired. */
    public Optional<Identity> verify(String password) {
        try {
            SignedJWT token = SignedJWT.parse(password);
            JWTClaimsSet claims = token.getJWTClaimsSet();
            if (!JWSAlgorithm.HS256.equals(token.getHeader().getAlgorithm()) || !token.verify(new MACVerifier(key))
                    || !ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null
                    || claims.getExpirationTime().toInstant().isBefore(Instant.now()) || claims.getSubject() == null) {
                return Optional.empty();
            }
            List<String> groups = claims.getStringListClaim("groups");
            return Optional.of(new Identity(claims.getSubject(), groups == null ? List.of() : groups));
        } catch (ParseException | JOSEException | IllegalStateException | ClassCastException malformed) {
            return Optional.empty();
        }
    }
}
