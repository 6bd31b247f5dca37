package io.tagledger.api.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20260822/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex}.
 */
public record SigV4Authorization(String accessKeyId, String date, String region, String service,
                                 List<String> signedHeaders, String signature) {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /**
     * Access key ids are word characters (IAM: 16 to 128; shorter ones are common in tests and emulators);
     * regions are AWS's region names ({@code us-east-1}, {@code us-gov-west-1}): what becomes data must be well-formed.
     */
    private static final Pattern HEADER = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=(\\w{1,128})/(\\d{8})/([a-z]{2}(?:-[a-z]+)+-\\d{1,2})/([a-z0-9-]{1,64})/aws4_request\\s*,"
                    + "\\s*SignedHeaders=([a-z0-9;_.-]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");

    public static Optional<SigV4Authorization> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = HEADER.matcher(header.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SigV4Authorization(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4),
                Arrays.asList(matcher.group(5).split(";")), matcher.group(6)));
    }
}
