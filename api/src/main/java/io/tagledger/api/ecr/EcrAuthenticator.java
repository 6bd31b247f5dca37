package io.tagledger.api.ecr;

import io.tagledger.api.config.TagledgerProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Verifies SigV4 signatures when credentials are configured, by signing the request again with the
 * AWS SDK's own signer and the configured secret, then comparing signatures in constant time. With no
 * credentials configured, any request is accepted and its access key id is only recorded.
 */
@Component
class EcrAuthenticator {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, String> secrets;
    private final Duration maxClockSkew;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    EcrAuthenticator(TagledgerProperties properties) {
        this.secrets = properties.ecr().credentials();
        this.maxClockSkew = properties.ecr().maxClockSkew();
        this.clock = Clock.systemUTC();
    }

    /** @return the signature's region, or {@code null} when the request carries no signature */
    String verify(HttpServletRequest request, byte[] body) {
        String header = request.getHeader("Authorization");
        if (secrets.isEmpty()) {
            return SigV4Authorization.parse(header).map(SigV4Authorization::region).orElse(null);
        }
        if (header == null) {
            throw new EcrException(HttpStatus.FORBIDDEN, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        SigV4Authorization authorization = SigV4Authorization.parse(header).orElseThrow(() -> new EcrException(
                HttpStatus.BAD_REQUEST, "IncompleteSignatureException", "The Authorization header is not a valid "
                + SigV4Authorization.ALGORITHM + " authorization"));
        String secret = secrets.get(authorization.accessKeyId());
        if (secret == null) {
            throw new EcrException(HttpStatus.BAD_REQUEST, "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
        if (!"ecr".equals(authorization.service())) {
            throw invalidSignature("Credential should be scoped to correct service: 'ecr'.");
        }
        Instant signedAt = signingTime(request, authorization);
        String expected = signatureOf(request, body, authorization, secret, signedAt);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw invalidSignature("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method.");
        }
        return authorization.region();
    }

    private Instant signingTime(HttpServletRequest request, SigV4Authorization authorization) {
        String amzDate = request.getHeader("X-Amz-Date");
        Instant signedAt;
        try {
            signedAt = amzDate == null ? null : Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            signedAt = null;
        }
        if (signedAt == null || !amzDate.startsWith(authorization.date())) {
            throw new EcrException(HttpStatus.BAD_REQUEST, "IncompleteSignatureException",
                    "The request must carry an X-Amz-Date header matching the date of its credential scope");
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(maxClockSkew) > 0) {
            throw invalidSignature("Signature expired: " + amzDate + " is now earlier or later than "
                    + AMZ_DATE.format(now) + " by more than " + maxClockSkew.toMinutes() + " minutes.");
        }
        return signedAt;
    }

    private String signatureOf(HttpServletRequest request, byte[] body, SigV4Authorization authorization, String secret,
                               Instant signedAt) {
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.getMethod()))
                .uri(URI.create(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                        + request.getRequestURI()));
        for (String name : authorization.signedHeaders()) {
            List<String> values = Collections.list(request.getHeaders(name));
            if (!values.isEmpty()) {
                unsigned.putHeader(name, values);
            }
        }
        SignedRequest signed = signer.sign(r -> r
                .identity(AwsCredentialsIdentity.create(authorization.accessKeyId(), secret))
                .request(unsigned.build())
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, authorization.service())
                .putProperty(AwsV4HttpSigner.REGION_NAME, authorization.region())
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        return signed.request().firstMatchingHeader("Authorization")
                .flatMap(SigV4Authorization::parse)
                .map(SigV4Authorization::signature)
                .orElse("");
    }

    private static EcrException invalidSignature(String message) {
        return new EcrException(HttpStatus.BAD_REQUEST, "InvalidSignatureException", message);
    }
}
