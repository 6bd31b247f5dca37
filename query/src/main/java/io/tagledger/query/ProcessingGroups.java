package io.tagledger.query;

/**
 * The views' names, for their handler classes' {@code @ProcessingGroup} and for the query handlers'
 * {@code @ReadsFrom}. A view is registered by its handler class alone: the ledger writer runs the
 * handlers of every processing group in the transaction that stores their events. A query handler
 * that reads a name no handler class has stops the startup.
 */
public final class ProcessingGroups {

    /** Repositories, images and tags as they are now: one group, so the three always agree. */
    public static final String REGISTRY_VIEWS = "registry-views";
    /** Every event, accepted or refused, with who caused it. */
    public static final String AUDIT_TRAIL = "audit-trail";
    /**
     * The registry over time: every digest each tag pointed to, when, and who moved it; each image and
     * each repository's rules, from when until when. Point-in-time reads read it.
     */
    public static final String HISTORY = "history";
    /** The repository creation templates as they are now, which pushes to new names read. */
    public static final String CREATION_TEMPLATES = "creation-templates";

    /** Each repository's lifecycle policy, resource tags, and scanning and encryption settings, as they are now. */
    public static final String REPOSITORY_SETTINGS = "repository-settings";

    private ProcessingGroups() {
    }
}
