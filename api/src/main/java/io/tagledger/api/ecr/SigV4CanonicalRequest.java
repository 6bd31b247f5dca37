package io.tagledger.api.ecr;

import jakarta.servlet.http.HttpServletRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The canonical request of AWS Signature Version 4, built from the request exactly as the client
 * signed it: the headers its {@code SignedHeaders} lists, in that order, and no other. (Re-signing
 * with an SDK signer instead signs the headers that signer chooses: the Java SDK adds
 * {@code x-amz-content-sha256}, which botocore neither sends nor signs, so the AWS CLI was refused.)
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create a signed AWS API request</a>
 */
final class SigV4CanonicalRequest {

    private SigV4CanonicalRequest() {
    }

    /** @return the canonical request, or {@code null} when a signed header is missing from the request */
    static String of(HttpServletRequest request, List<String> signedHeaders, byte[] body) {
        StringBuilder canonical = new StringBuilder()
                .append(request.getMethod()).append('\n')
                .append(canonicalPath(request.getRequestURI())).append('\n')
                .append(canonicalQuery(request.getQueryString())).append('\n');
        for (String name : signedHeaders) {
            List<String> values = Collections.list(request.getHeaders(name));
            if (values.isEmpty()) {
                return null;
            }
            canonical.append(name).append(':')
                    .append(values.stream().map(SigV4CanonicalRequest::trimmed).collect(Collectors.joining(","))).append('\n');
        }
        return canonical.append('\n')
                .append(String.join(";", signedHeaders)).append('\n')
                .append(HexFormat.of().formatHex(SignerUtils.hash(body)))
                .toString();
    }

    /** Every service but S3 encodes each path segment once more. */
    private static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return uriEncode(rawPath, false);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.add(Map.entry(uriEncode(name, true), uriEncode(value, true)));
        }
        parameters.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        return parameters.stream().map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("&"));
    }

    /** RFC 3986 unreserved characters stay; everything else is %XX in upper case; '/' too unless in a path. */
    private static String uriEncode(String text, boolean encodeSlash) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    /** Leading and trailing spaces go, and each run of spaces inside becomes one. */
    private static String trimmed(String value) {
        return value.strip().replaceAll(" +", " ");
    }
}
