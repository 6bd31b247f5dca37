package io.tagledger.query.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The sequence number of the last event of a repository that the registry views have applied. It is
 * committed in the same transaction as the views, so a reader that sees it also sees its effect.
 */
@Entity
@Table(name = "view_version")
public class ViewVersion {

    @Id
    @Column(length = 256)
    private String repositoryName;

    private long lastSequence;

    protected ViewVersion() {
    }

    public ViewVersion(String repositoryName, long lastSequence) {
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
