package io.tagledger.domain.event;

/**
 * A request that was refused: part of the audit trail, not of any repository's history. The trail and
 * the projections' sequencing read these two members of every kind of refusal.
 */
public interface Refused {

    /** The repository the refused request was about; {@code *} for one about every repository. */
    String repositoryName();

    /** The refusal's code, as every API answers it. */
    String errorCode();
}
