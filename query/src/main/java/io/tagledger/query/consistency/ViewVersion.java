package io.tagledger.query.consistency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * How far one processing group has applied one repository's events: the sequence number of the
 * last one. It is committed in the same transaction as the group's views, so a reader that sees it
 * also sees its effect.
 */
@Entity
@Table(name = "view_version")
@IdClass(ViewVersionKey.class)
public class ViewVersion {

    @Id
    @Column(length = 64)
    private String processingGroup;

    @Id
    @Column(length = 256)
    private String repositoryName;

    private long lastSequence;

    protected ViewVersion() {
    }

    public ViewVersion(String processingGroup, String repositoryName, long lastSequence) {
        this.processingGroup = processingGroup;
        this.repositoryName = repositoryName;
        this.lastSequence = lastSequence;
    }

    public void advanceTo(long sequence) {
        lastSequence = Math.max(lastSequence, sequence);
    }

    public long getLastSequence() {
        return lastSequence;
    }
}
