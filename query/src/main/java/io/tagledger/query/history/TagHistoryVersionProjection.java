package io.tagledger.query.history;

import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.consistency.VersionTracker;
import io.tagledger.query.consistency.ViewCatchUp;
import io.tagledger.query.consistency.ViewVersions;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/** How far the tag histories have got, per repository. */
@Component
@ProcessingGroup(ProcessingGroups.TAG_HISTORY)
class TagHistoryVersionProjection extends VersionTracker {

    TagHistoryVersionProjection(ViewVersions versions, ViewCatchUp catchUp) {
        super(ProcessingGroups.TAG_HISTORY, versions, catchUp);
    }
}
