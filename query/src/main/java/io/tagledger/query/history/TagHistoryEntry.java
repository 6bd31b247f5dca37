package io.tagledger.query.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/** One period in a tag's life: the digest it pointed to, from when, until when, and who put it there. */
@Entity
@Table(name = "tag_history", indexes = {
        @Index(name = "tag_history_tag", columnList = "repositoryName,tag,validFrom"),
        // Finds a tag's open period directly: without it every move of a tag read all of that tag's past periods.
        @Index(name = "tag_history_open", columnList = "repositoryName,tag,validTo"),
        // One period per push: the push event that opened it, so that a push delivered again opens none.
        @Index(name = "tag_history_opened_by", columnList = "openedBy", unique = true)})
public class TagHistoryEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 256)
    private String repositoryName;

    @Column(nullable = false, length = 128)
    private String tag;

    @Column(nullable = false, length = 71)
    private String digest;

    /** The identifier of the push event that opened the period (null in periods recorded before it was kept). */
    @Column(length = 64)
    private String openedBy;

    @Column(nullable = false)
    private Instant validFrom;

    /** {@code null} while the tag still points to {@link #digest}. */
    private Instant validTo;

    @Column(nullable = false, length = 256)
    private String movedBy;

    /** Who ended the period, when someone did (a move, an untag, a deletion). */
    @Column(length = 256)
    private String endedBy;

    /** How the period ended: {@code moved}, {@code untagged}, {@code deleted} or {@code repository-deleted}. */
    @Column(length = 32)
    private String endedHow;

    protected TagHistoryEntry() {
    }

    public TagHistoryEntry(String repositoryName, String tag, String digest, String openedBy, Instant validFrom, String movedBy) {
        this.repositoryName = repositoryName;
        this.tag = tag;
        this.digest = digest;
        this.openedBy = openedBy;
        this.validFrom = validFrom;
        this.movedBy = movedBy;
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

    public Instant getValidFrom() {
        return validFrom;
    }

    public Instant getValidTo() {
        return validTo;
    }

    public String getMovedBy() {
        return movedBy;
    }

    public String getEndedBy() {
        return endedBy;
    }

    public String getEndedHow() {
        return endedHow;
    }
}
