package io.tagledger.query;

import java.util.List;

/** The processing groups that keep the read side; each one a pooled streaming processor that can be replayed. */
public final class ProcessingGroups {

    /** Repositories, images and tags as they are now: one group, so the three always agree. */
    public static final String REGISTRY_VIEWS = "registry-views";
    /** Every event, accepted or refused, with who caused it. */
    public static final String AUDIT_TRAIL = "audit-trail";
    /** Every digest each tag pointed to, when, and who moved it. */
    public static final String TAG_HISTORY = "tag-history";

    public static final List<String> ALL = List.of(REGISTRY_VIEWS, AUDIT_TRAIL, TAG_HISTORY);

    private ProcessingGroups() {
    }
}
