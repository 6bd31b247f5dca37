package io.tagledger.query.audit;

import io.tagledger.query.ReadsFrom;
import io.tagledger.query.ProcessingGroups;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.query.messages.AuditPage;
import io.tagledger.query.messages.AuditRecord;
import io.tagledger.query.messages.FindAuditTrail;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Answers queries on the audit trail. */
@Component
@Transactional(readOnly = true)
public class AuditQueries {

    private final AuditEntries entries;
    private final ObjectMapper json;

    AuditQueries(AuditEntries entries, ObjectMapper json) {
        this.entries = entries;
        this.json = json;
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.AUDIT_TRAIL)
    public AuditPage handle(FindAuditTrail query) {
        Specification<AuditEntry> filter = Specification.allOf(
                equal("repositoryName", query.repository()),
                equal("principal", query.principal()),
                equal("type", query.type()),
                equal("outcome", query.outcome()),
                query.from() == null ? null : (root, q, cb) -> cb.greaterThanOrEqualTo(root.get("timestamp"), query.from()),
                query.to() == null ? null : (root, q, cb) -> cb.lessThan(root.get("timestamp"), query.to()),
                query.after() == null ? null : (root, q, cb) -> query.newestFirst()
                        ? cb.lessThan(root.get("position"), query.after())
                        : cb.greaterThan(root.get("position"), query.after()));
        Sort order = query.newestFirst() ? Sort.by("position").descending() : Sort.by("position").ascending();
        List<AuditEntry> found = entries.findBy(filter, q -> q.sortBy(order).limit(query.limit() + 1).all());
        List<AuditEntry> page = found.subList(0, Math.min(found.size(), query.limit()));
        return new AuditPage(page.stream().map(this::record).toList(),
                found.size() > query.limit() ? page.get(page.size() - 1).getPosition() : null);
    }

    private static Specification<AuditEntry> equal(String attribute, String value) {
        return value == null ? null : (root, q, cb) -> cb.equal(root.get(attribute), value);
    }

    private AuditRecord record(AuditEntry entry) {
        try {
            return new AuditRecord(entry.getPosition(), entry.getRepositoryName(), entry.getSequenceNumber(), entry.getType(),
                    entry.getOutcome(), entry.getErrorCode(), entry.getTimestamp(), entry.getPrincipal(), entry.getClaimedBy(), entry.getApi(),
                    entry.getSourceAddress(), entry.getUserAgent(), entry.getRequestId(), entry.getCorrelationId(),
                    json.readTree(entry.getPayload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The trail holds a payload that is not JSON at " + entry.getPosition(), e);
        }
    }
}
