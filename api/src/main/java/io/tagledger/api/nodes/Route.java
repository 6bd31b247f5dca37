package io.tagledger.api.nodes;

import io.tagledger.api.ledger.Fence;

/** Where a repository's commands are decided at this moment. */
public sealed interface Route {

    /** On this node, under the lease the fence names ({@code null} on a single node). */
    record Here(Fence fence) implements Route {
    }

    /** On another node, reached at this base URL. */
    record There(String url) implements Route {
    }

    /** On none: the repository's bucket is between owners. */
    record Nobody() implements Route {
    }
}
