package io.tagledger.query.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/** A tag and the digest it points to now. */
@Entity
@Table(name = "tag_view", indexes = @Index(name = "tag_view_digest", columnList = "repositoryName,digest"))
@IdClass(TagKey.class)
public class TagEntry {

    @Id
    @Column(length = 256)
    private String repositoryName;

    @Id
    @Column(length = 128)
    private String tag;

    @Column(nullable = false, length = 71)
    private String digest;

    /** When the tag was pushed to point at {@link #digest}. */
    @Column(nullable = false)
    private Instant pushedAt;

    protected TagEntry() {
    }

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
