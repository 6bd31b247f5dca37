package io.tagledger.api.ecr;

import io.tagledger.api.security.AuthenticationFailures;
import io.tagledger.api.security.Identities;
import io.tagledger.api.security.IdentityAuthentication;
import io.tagledger.api.security.SigV4Authorization;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.settings.TagledgerProperties.Security.AccessKey;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks the SigV4 {@code Authorization} of every ECR request. The credential scope must name the
 * region this registry serves ({@code tagledger.ecr.region}): its text goes into ARNs and events.
 * With identities configured, the signature must be a configured access key's, and valid: the
 * canonical request is rebuilt from exactly the headers the client signed ({@link SigV4CanonicalRequest}),
 * and the signing key and signature are computed by the AWS SDK's own SigV4 code, then compared in
 * constant time; the request then acts as that key's principal. In open mode a request need not be
 * signed, and a signature's access key id is only a claimed name. Failures are counted and logged.
 */
@Component
class EcrAuthenticator {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Identities identities;
    private final AuthenticationFailures failures;
    private final Duration maxClockSkew;
    private final String region;
    private final Clock clock;

    EcrAuthenticator(TagledgerProperties properties, Identities identities, AuthenticationFailures failures) {
        this.identities = identities;
        this.failures = failures;
        this.maxClockSkew = properties.ecr().maxClockSkew();
        this.region = properties.ecr().region();
        this.clock = Clock.systemUTC();
    }

    /** Authenticates the request as an access key's principal; in open mode, checks only what a signature says. */
    void authenticate(HttpServletRequest request, byte[] body) {
        try {
            verify(request, body).ifPresent(key ->
                    SecurityContextHolder.getContext().setAuthentication(new IdentityAuthentication(Identities.of(key))));
        } catch (RegistryException refused) {
            failures.record("ecr", request.getRemoteAddr(), refused.rule().name().toLowerCase().replace('_', ' '));
            throw refused;
        }
    }

    private Optional<AccessKey> verify(HttpServletRequest request, byte[] body) {
        boolean open = !identities.configured();
        String header = request.getHeader("Authorization");
        if (header == null) {
            if (open) {
                return Optional.empty();
            }
            throw RegistryException.of(Refusal.MISSING_AUTHENTICATION_TOKEN);
        }
        SigV4Authorization authorization = SigV4Authorization.parse(header).orElseThrow(() ->
                RegistryException.of(Refusal.MALFORMED_AUTHORIZATION, "algorithm", SigV4Authorization.ALGORITHM));
        if (!region.equals(authorization.region())) {
            throw RegistryException.of(Refusal.WRONG_REGION, "region", region);
        }
        if (open) {
            return Optional.empty();
        }
        AccessKey key = identities.accessKey(authorization.accessKeyId()).orElse(null);
        if (key == null) {
            throw RegistryException.of(Refusal.INVALID_CREDENTIALS);
        }
        if (!"ecr".equals(authorization.service())) {
            throw RegistryException.of(Refusal.WRONG_SERVICE, "service", "ecr");
        }
        if (!authorization.signedHeaders().contains("host")) {
            throw RegistryException.of(Refusal.HOST_NOT_SIGNED);
        }
        String amzDate = request.getHeader("X-Amz-Date");
        Instant signedAt = signingTime(amzDate, authorization);
        String canonicalRequest = SigV4CanonicalRequest.of(request, authorization.signedHeaders(), body);
        if (canonicalRequest == null || !MessageDigest.isEqual(
                signatureOf(canonicalRequest, amzDate, authorization, key.secret(), signedAt).getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw RegistryException.of(Refusal.SIGNATURE_MISMATCH);
        }
        return Optional.of(key);
    }

    private Instant signingTime(String amzDate, SigV4Authorization authorization) {
        Instant signedAt;
        try {
            signedAt = amzDate == null ? null : Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            signedAt = null;
        }
        if (signedAt == null || !amzDate.startsWith(authorization.date())) {
            throw RegistryException.of(Refusal.MISSING_SIGNING_DATE);
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(maxClockSkew) > 0) {
            throw RegistryException.of(Refusal.SIGNATURE_EXPIRED, "signed", amzDate, "now", AMZ_DATE.format(now),
                    "minutes", Long.toString(maxClockSkew.toMinutes()));
        }
        return signedAt;
    }

    /**
     * The string to sign is SigV4's fixed layout; the signing key and the HMAC are the SDK's
     * ({@code SignerUtils} lives in an internal package of the SDK's signer: the BOM pins its version,
     * and the tests sign with the SDK and the AWS CLI).
     */
    private static String signatureOf(String canonicalRequest, String amzDate, SigV4Authorization authorization,
                                      String secret, Instant signedAt) {
        CredentialScope scope = new CredentialScope(authorization.region(), authorization.service(), signedAt);
        String stringToSign = SigV4Authorization.ALGORITHM + "\n" + amzDate + "\n" + scope.scope() + "\n"
                + SignerUtils.hashCanonicalRequest(canonicalRequest);
        byte[] signingKey = SignerUtils.deriveSigningKey(AwsCredentialsIdentity.create(authorization.accessKeyId(), secret), scope);
        return HexFormat.of().formatHex(SignerUtils.computeSignature(stringToSign, signingKey));
    }
}
