package io.tagledger.query.history;

import io.tagledger.query.view.ViewStore;

import java.time.Instant;

/**
 * The registry views over time: each repository's rules and each image, with the instants they held
 * from and until. The registry views' own fold ({@code RegistryFold}) writes them, through the same
 * operations as the views of now, each call at the instant of the event being folded. Tags are left
 * to {@link TagPeriods}, which keeps who moved them too.
 */
abstract class RegistryPeriods implements ViewStore {

    /** The instant of the event being folded. */
    protected Instant now;

    /** This store, for the operations of one event at its instant. */
    ViewStore at(Instant instant) {
        this.now = instant;
        return this;
    }

    @Override
    public void pointTag(String repositoryName, String tag, String digest, Instant at) {
    }

    @Override
    public void removeTag(String repositoryName, String tag) {
    }
}
