package io.tagledger.query.view;

import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.consistency.VersionTracker;
import io.tagledger.query.consistency.ViewCatchUp;
import io.tagledger.query.consistency.ViewVersions;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/** How far the registry views have got, per repository. */
@Component
@ProcessingGroup(ProcessingGroups.REGISTRY_VIEWS)
class ViewVersionProjection extends VersionTracker {

    ViewVersionProjection(ViewVersions versions, ViewCatchUp catchUp) {
        super(ProcessingGroups.REGISTRY_VIEWS, versions, catchUp);
    }
}
