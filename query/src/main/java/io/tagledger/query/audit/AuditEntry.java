package io.tagledger.query.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

import java.time.Instant;

/** One line of the audit trail: an event, accepted or refused, with who caused it and from where. */
@Entity
@Table(name = "audit_trail", indexes = {
        @Index(name = "audit_trail_repository", columnList = "repositoryName,position"),
        @Index(name = "audit_trail_principal", columnList = "principal,position"),
        @Index(name = "audit_trail_timestamp", columnList = "timestamp")})
public class AuditEntry implements Persistable<Long> {

    /** Entries are only ever inserted: saving one must not look it up first. */
    @Transient
    private boolean inserted;

    /** The event's position in the global event stream: the trail's order. */
    @Id
    private long position;

    @Column(nullable = false, length = 256)
    private String repositoryName;

    /** The repository's event sequence number, or {@code null} for a refusal. */
    private Long sequenceNumber;

    @Column(nullable = false, length = 64)
    private String type;

    @Column(nullable = false, length = 16)
    private String outcome;

    @Column(length = 64)
    private String errorCode;

    @Column(nullable = false)
    private Instant timestamp;

    @Column(nullable = false, length = 256)
    private String principal;

    /** The name an unauthenticated caller gave itself (open mode only): a claim, never an identity. */
    @Column(length = 256)
    private String claimedBy;

    @Column(length = 16)
    private String api;

    @Column(length = 64)
    private String sourceAddress;

    @Column(length = 256)
    private String userAgent;

    @Column(length = 64)
    private String requestId;

    @Column(length = 256)
    private String correlationId;

    @Lob
    @Column(nullable = false)
    private String payload;

    protected AuditEntry() {
    }

    public AuditEntry(long position, String repositoryName, Long sequenceNumber, String type, String outcome, String errorCode,
                      Instant timestamp, String principal, String claimedBy, String api, String sourceAddress, String userAgent,
                      String requestId, String correlationId, String payload) {
        this.position = position;
        this.repositoryName = repositoryName;
        this.sequenceNumber = sequenceNumber;
        this.type = type;
        this.outcome = outcome;
        this.errorCode = errorCode;
        this.timestamp = timestamp;
        this.principal = principal;
        this.claimedBy = claimedBy;
        this.api = api;
        this.sourceAddress = sourceAddress;
        this.userAgent = userAgent;
        this.requestId = requestId;
        this.correlationId = correlationId;
        this.payload = payload;
    }

    @Override
    public Long getId() {
        return position;
    }

    @Override
    public boolean isNew() {
        return !inserted;
    }

    @PostPersist
    @PostLoad
    void markInserted() {
        inserted = true;
    }

    public long getPosition() {
        return position;
    }

    public String getRepositoryName() {
        return repositoryName;
    }

    public Long getSequenceNumber() {
        return sequenceNumber;
    }

    public String getType() {
        return type;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getErrorCode() {
        return errorCode;
    }

    public Instant getTimestamp() {
        return timestamp;
    }

    public String getPrincipal() {
        return principal;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public String getApi() {
        return api;
    }

    public String getSourceAddress() {
        return sourceAddress;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public String getPayload() {
        return payload;
    }
}
