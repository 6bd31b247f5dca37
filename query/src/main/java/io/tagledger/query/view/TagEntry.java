package io.tagledger.query.view;

import java.time.Instant;

/** A tag and the digest it points to now. */
public class TagEntry {

    private String repositoryName;

    private String tag;

    private String digest;

    /** When the tag was pushed to point at {@link #digest}. */
    private Instant pushedAt;

    public TagEntry(String repositoryName, String tag, String digest, Instant pushedAt) {
        this.repositoryName = repositoryName;
        this.tag = tag;
        pointTo(digest, pushedAt);
    }

    public void pointTo(String digest, Instant pushedAt) {
        this.digest = digest;
        this.pushedAt = pushedAt;
    }

    public String getRepositoryName() {
        return repositoryName;
    }

    public String getTag() {
        return tag;
    }

    public String getDigest() {
        return digest;
    }

    public Instant getPushedAt() {
        return pushedAt;
    }
}
