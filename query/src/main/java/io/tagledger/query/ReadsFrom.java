package io.tagledger.query;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a query handler reads: one projection's processing group ({@link ProcessingGroups}), or the
 * event store itself. Declared next to every handler; while a projection is being rebuilt, queries
 * on it are refused rather than answered with half the data, and the gate follows from this alone.
 * A handler without it stops the service at startup.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsFrom {

    /** The handler reads the event store, which is never rebuilt. */
    String EVENT_STORE = "event-store";

    String value();
}
