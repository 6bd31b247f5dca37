package io.tagledger.api.admin;

/** A query needs views that a replay is rebuilding: answer 503 and when to come back, rather than half the data. */
public class ViewsRebuildingException extends RuntimeException {

    private final String processingGroup;
    private final long retryAfterSeconds;

    public ViewsRebuildingException(String processingGroup, long retryAfterSeconds) {
        super("The " + processingGroup + " views are being rebuilt from the event store; try again in "
                + retryAfterSeconds + " s");
        this.processingGroup = processingGroup;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String processingGroup() {
        return processingGroup;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
