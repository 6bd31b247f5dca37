package io.tagledger.api.registry;

import io.tagledger.api.admin.ProjectionStatus;
import io.tagledger.api.admin.Projections;
import io.tagledger.api.security.Action;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import org.springframework.stereotype.Component;

import java.util.List;

/** What operators do: look at the projections, and rebuild one from the event store. Both need {@code tagledger:Replay}. */
@Component
public class Administration {

    private final Projections projections;
    private final Access access;

    Administration(Projections projections, Access access) {
        this.projections = projections;
        this.access = access;
    }

    public List<ProjectionStatus> projections() {
        access.requireEverywhere(Action.REPLAY);
        return projections.names().stream().map(projections::status).toList();
    }

    /** @return the projection's status as its rebuild starts; its queries answer from its tables as they were until it is swapped in */
    public ProjectionStatus replay(String name) {
        access.requireEverywhere(Action.REPLAY);
        if (!projections.exists(name)) {
            throw RegistryException.of(Refusal.NO_SUCH_PROJECTION, "name", name, "names", projections.names().toString());
        }
        projections.replay(name);
        return projections.status(name);
    }

    /** Rebuilds every projection, in one pass over the event store. */
    public List<ProjectionStatus> replayAll() {
        access.requireEverywhere(Action.REPLAY);
        projections.replayAll();
        return projections();
    }
}
