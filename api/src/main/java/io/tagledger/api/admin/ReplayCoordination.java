package io.tagledger.api.admin;

/**
 * Replays when several nodes share the projections' segments ({@code tagledger.shared-database}): a
 * replay must reset every segment's token, and a node can only reset the segments it holds. The node
 * asked to replay records the request; every other node stops the projection and lets its segments go;
 * the requesting node then resets them all and runs the replay alone, and the others start again once
 * it has caught up. Meanwhile the projection is not live on any node, so its queries answer 503.
 */
public interface ReplayCoordination {

    /** Records that this node replays the projection; the reset itself follows on the coordinator's round. */
    void request(String projection);

    /**
     * Whether the projection must not answer queries on this node yet: another node is replaying it, or
     * this node has asked to and has not reset it yet.
     */
    boolean holdsBack(String projection);
}
