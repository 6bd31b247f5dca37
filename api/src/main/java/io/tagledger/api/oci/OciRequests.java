package io.tagledger.api.oci;

import io.tagledger.api.registry.PageRequest;
import io.tagledger.domain.RegistryException;
import jakarta.servlet.http.HttpServletRequest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the OCI API's headers and parameters say: chunk positions, byte ranges, page sizes. */
final class OciRequests {

    /** A chunk's {@code Content-Range}: {@code <start>-<end>}, inclusive (some clients write {@code bytes } first). */
    private static final Pattern CHUNK = Pattern.compile("(?:bytes )?(\\d{1,18})-(\\d{1,18})");
    /** One byte range of a GET: {@code bytes=<start>-[<end>]} or {@code bytes=-<suffix>}. */
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private OciRequests() {
    }

    /** @return where the chunk starts, or -1 when the client did not say (then it goes at the end) */
    static long chunkStart(HttpServletRequest request) {
        Matcher chunk = chunk(request);
        return chunk == null ? -1 : Long.parseLong(chunk.group(1));
    }

    /** @return the chunk's length: from its {@code Content-Range}, else its {@code Content-Length}, else -1 (chunked) */
    static long chunkLength(HttpServletRequest request) {
        Matcher chunk = chunk(request);
        return chunk == null ? request.getContentLengthLong() : Long.parseLong(chunk.group(2)) - Long.parseLong(chunk.group(1)) + 1;
    }

    private static Matcher chunk(HttpServletRequest request) {
        String header = request.getHeader("Content-Range");
        if (header == null) {
            return null;
        }
        Matcher chunk = CHUNK.matcher(header.trim());
        if (!chunk.matches() || Long.parseLong(chunk.group(2)) < Long.parseLong(chunk.group(1))) {
            throw RegistryException.invalidParameter("Content-Range", "Member must be <start>-<end>, the inclusive byte positions of the chunk");
        }
        return chunk;
    }

    /** {@code n}, the most names a listing page holds. */
    static int pageSize(HttpServletRequest request) {
        String n = request.getParameter("n");
        if (n == null) {
            return PageRequest.MAX_LIMIT;
        }
        try {
            return PageRequest.limit("n", Integer.valueOf(n));
        } catch (NumberFormatException e) {
            throw RegistryException.invalidParameter("n", "Member must be a number");
        }
    }

    /** @return the one range asked for, or {@code null} for the whole blob (no {@code Range}, or one this does not serve) */
    static Range range(HttpServletRequest request, long size) {
        String header = request.getHeader("Range");
        Matcher range = header == null ? null : RANGE.matcher(header.trim());
        if (range == null || !range.matches() || range.group(1).isEmpty() && range.group(2).isEmpty()) {
            return null;
        }
        long start;
        long end;
        if (range.group(1).isEmpty()) {
            start = Math.max(0, size - Long.parseLong(range.group(2)));
            end = size - 1;
        } else {
            start = Long.parseLong(range.group(1));
            end = range.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(range.group(2)));
        }
        if (start >= size || end < start) {
            throw RegistryException.invalidParameter("Range", "Member must name bytes within the blob's " + size);
        }
        return new Range(start, end);
    }

    record Range(long start, long end) {

        long length() {
            return end - start + 1;
        }

        String contentRange(long size) {
            return "bytes " + start + "-" + end + "/" + size;
        }
    }
}
