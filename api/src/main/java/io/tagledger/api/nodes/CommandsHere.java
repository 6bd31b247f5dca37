package io.tagledger.api.nodes;

import java.util.Map;

/** What a node does with a command forwarded to it: decide it, if it owns the repository. */
public interface CommandsHere {

    /**
     * @param caller what the forwarding node recorded of its caller
     * @return the command's result
     * @throws NotTheOwner if this node does not own the repository
     */
    Object decideForwarded(String repository, Object command, Map<String, String> caller);
}
