package io.tagledger.api.caller;

import io.tagledger.api.security.Identity;

import java.util.Map;
import java.util.function.Supplier;

/**
 * What the messages sent on this thread record of their caller: the caller of the request being
 * served with the principal it was authenticated as, or, for a command another node forwarded to this
 * one (its repository's owner), what that node recorded of its own caller.
 */
public final class CallerMetadata {

    private static final ThreadLocal<Map<String, String>> FORWARDED = new ThreadLocal<>();

    private CallerMetadata() {
    }

    /** Empty outside a request. */
    public static Map<String, String> current() {
        Map<String, String> forwarded = FORWARDED.get();
        if (forwarded != null) {
            return forwarded;
        }
        return CallerContext.current().map(caller -> caller.asMetadata(Identity.current().principal())).orElse(Map.of());
    }

    /** Runs the work as the caller another node served, as that node recorded it. */
    public static <T> T forwarded(Map<String, String> metadata, Supplier<T> work) {
        FORWARDED.set(Map.copyOf(metadata));
        try {
            return work.get();
        } finally {
            FORWARDED.remove();
        }
    }
}
