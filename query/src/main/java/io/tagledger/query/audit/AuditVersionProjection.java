package io.tagledger.query.audit;

import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.consistency.VersionTracker;
import io.tagledger.query.consistency.ViewCatchUp;
import io.tagledger.query.consistency.ViewVersions;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/** How far the audit trail has got, per repository. */
@Component
@ProcessingGroup(ProcessingGroups.AUDIT_TRAIL)
class AuditVersionProjection extends VersionTracker {

    AuditVersionProjection(ViewVersions versions, ViewCatchUp catchUp) {
        super(ProcessingGroups.AUDIT_TRAIL, versions, catchUp);
    }
}
