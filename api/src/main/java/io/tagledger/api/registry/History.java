package io.tagledger.api.registry;

import io.tagledger.api.security.Action;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.query.messages.AuditPage;
import io.tagledger.query.messages.AuditRecord;
import io.tagledger.query.messages.ChainVerification;
import io.tagledger.query.messages.FindTagHistory;
import io.tagledger.query.messages.ListRepositoryEvents;
import io.tagledger.query.messages.RepositoryEvents;
import io.tagledger.query.messages.TagHistory;
import io.tagledger.query.messages.VerifyChain;
import org.springframework.stereotype.Component;

import static io.tagledger.api.registry.RegistryQueries.notFound;

/** What only a ledger gives: a repository's own events, the audit trail, a tag's history and the chain's verification. */
@Component
public class History {

    private final RegistryQueries queries;
    private final PageTokens tokens;
    private final Access access;

    History(RegistryQueries queries, PageTokens tokens, Access access) {
        this.queries = queries;
        this.tokens = tokens;
        this.access = access;
    }

    /** A repository's own events, from the event store: kept after the repository is deleted. @param after -1 for the first */
    public RepositoryEvents events(RepositoryName name, long after, int limit) {
        access.require(Action.READ_AUDIT, name);
        return queries.find(new ListRepositoryEvents(name.value(), after, limit), RepositoryEvents.class).orElseThrow(() -> notFound(name));
    }

    /** A page of the audit trail, of the entries that the filter matches. */
    public Page<AuditRecord> auditTrail(AuditFilter filter, PageRequest request) {
        if (filter.repository() != null) {
            access.require(Action.READ_AUDIT, RepositoryName.parse(filter.repository()));
        } else {
            access.requireEverywhere(Action.READ_AUDIT);
        }
        String listing = filter.listing();
        String after = tokens.afterKey(listing, request);
        AuditPage page = queries.ask(filter.query(request.limit(), after == null ? null : position(after, request)), AuditPage.class);
        return new Page<>(page.items(), page.nextAfter() == null ? null : tokens.next(listing, page.nextAfter().toString()));
    }

    /** Every period of a tag's life; a tag that never was, in a repository that was, is not found. */
    public TagHistory tagHistory(RepositoryName name, ImageTag tag) {
        access.require(Action.READ_AUDIT, name);
        TagHistory history = queries.ask(new FindTagHistory(name.value(), tag.value()), TagHistory.class);
        if (history.periods().isEmpty()) {
            events(name, -1, 1);
            throw RegistryException.tagNotFound(name.value(), tag.value());
        }
        return history;
    }

    /** Whether the repository's history is still the one that was written; a name that never had one is not found. */
    public ChainVerification verify(RepositoryName name) {
        access.require(Action.VERIFY_CHAIN, name);
        ChainVerification verification = queries.ask(new VerifyChain(name.value()), ChainVerification.class);
        if (verification.events() == 0) {
            throw notFound(name);
        }
        return verification;
    }

    private static long position(String key, PageRequest request) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw PageTokens.foreign(request);
        }
    }
}
