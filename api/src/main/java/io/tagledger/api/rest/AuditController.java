package io.tagledger.api.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.PageLimits;
import io.tagledger.api.registry.Registry;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.query.messages.AuditPage;
import io.tagledger.query.messages.ChainVerification;
import io.tagledger.query.messages.AuditRecord;
import io.tagledger.query.messages.FindAuditTrail;
import io.tagledger.query.messages.RepositoryEvents;
import io.tagledger.query.messages.TagHistory;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.util.Set;

/**
 * What only an event log can answer: a repository's own events, the global audit trail (accepted and
 * refused), each tag's history, and whether a repository's history is still the one that was written.
 */
@RestController
@Tag(name = "audit", description = "Audit trail, repository events, tag history and tamper evidence")
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    private static final int NDJSON_PAGE = 500;
    private static final Set<String> OUTCOMES = Set.of("accepted", "refused");

    private final Registry registry;
    private final ObjectMapper json;
    private final Cursors cursors;

    AuditController(Registry registry, ObjectMapper json, Cursors cursors) {
        this.registry = registry;
        this.json = json;
        this.cursors = cursors;
    }

    @Operation(summary = "A repository's own events in order, from the event store (kept after the repository is deleted)")
    @GetMapping(path = "/repositories/{name}/-/events", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResponse<RepositoryEvents.Event> events(@PathVariable String name,
                                                @RequestParam(required = false) Long after,
                                                @RequestParam(required = false) Integer limit) {
        RepositoryName repository = RepositoryName.parse(name);
        if (after != null && after < -1) {
            throw RegistryException.invalidParameter("after", "Member must be a sequence number");
        }
        RepositoryEvents events = registry.events(repository, after == null ? -1 : after, PageLimits.of("limit", limit));
        return new PageResponse<>(events.items(), events.nextAfter() == null ? null : events.nextAfter().toString());
    }

    /** The trail's filters, shared by its JSON and NDJSON forms; every one optional. */
    record TrailFilter(String repository, String principal, String type, String outcome, String from, String to,
                       String order, String cursor) {

        /** Every filter is checked: a filter that can match nothing would answer an empty trail, as if nothing had happened. */
        FindAuditTrail query(int limit, Cursors cursors) {
            if (repository != null) {
                try {
                    RepositoryName.parse(repository);
                } catch (RegistryException invalid) {
                    throw RegistryException.invalidParameter("repository", invalid.getMessage());
                }
            }
            if (type != null && !FindAuditTrail.TYPES.contains(type)) {
                throw RegistryException.invalidParameter("type", "Member must satisfy enum value set: " + FindAuditTrail.TYPES);
            }
            if (outcome != null && !OUTCOMES.contains(outcome)) {
                throw RegistryException.invalidParameter("outcome", "Member must satisfy enum value set: [accepted, refused]");
            }
            if (order != null && !order.equals("newest") && !order.equals("oldest")) {
                throw RegistryException.invalidParameter("order", "Member must satisfy enum value set: [newest, oldest]");
            }
            Long after = cursor == null ? null : parsePosition(cursors.decode(listing(), cursor));
            Instant since = Instants.parse("from", from);
            Instant until = Instants.parse("to", to);
            if (since != null && until != null && !since.isBefore(until)) {
                throw RegistryException.invalidParameter("to", "Member must be later than from");
            }
            return new FindAuditTrail(repository, principal, type, outcome, since, until, !"oldest".equals(order), limit, after);
        }

        /** Each filter length-prefixed: a free-text principal cannot spell another filter's listing. */
        String listing() {
            StringBuilder listing = new StringBuilder("audit");
            for (String filter : new String[] {repository, principal, type, outcome, from, to, order}) {
                listing.append(' ').append(filter == null ? "-" : filter.length() + ":" + filter);
            }
            return listing.toString();
        }
    }

    @Operation(summary = "The global audit trail: filterable, newest or oldest first, paged")
    @GetMapping(path = "/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResponse<AuditRecord> audit(@ParameterObject TrailFilter filter, @RequestParam(required = false) Integer limit) {
        AuditPage page = registry.auditTrail(filter.query(PageLimits.of("limit", limit), cursors));
        return new PageResponse<>(page.items(), page.nextAfter() == null ? null : cursors.encode(filter.listing(), page.nextAfter().toString()));
    }

    @Operation(summary = "The global audit trail as NDJSON, one entry per line, every entry that matches: for log shipping")
    @GetMapping(path = "/audit", produces = NDJSON)
    ResponseEntity<StreamingResponseBody> auditStream(@ParameterObject TrailFilter filter) {
        FindAuditTrail first = filter.query(NDJSON_PAGE, cursors);
        // Asked before the stream starts, so that a trail being rebuilt answers 503 rather than a cut-off stream.
        AuditPage firstPage = registry.auditTrail(first);
        StreamingResponseBody body = out -> {
            AuditPage page = firstPage;
            while (true) {
                for (AuditRecord record : page.items()) {
                    out.write(json.writeValueAsBytes(record));
                    out.write('\n');
                }
                out.flush();
                if (page.nextAfter() == null) {
                    return;
                }
                page = registry.auditTrail(new FindAuditTrail(first.repository(), first.principal(), first.type(), first.outcome(),
                        first.from(), first.to(), first.newestFirst(), NDJSON_PAGE, page.nextAfter()));
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
    }

    @Operation(summary = "Every digest a tag has pointed to, with from/to instants and who moved it there")
    @GetMapping(path = "/repositories/{name}/-/tags/{tag}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    TagHistory tagHistory(@PathVariable String name, @PathVariable String tag) {
        return registry.tagHistory(RepositoryName.parse(name), ImageTag.parse(tag));
    }

    @Operation(summary = "Recompute the repository's hash chain: verified, or the first sequence number where it breaks")
    @GetMapping(path = "/repositories/{name}/-/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    ChainVerification verify(@PathVariable String name) {
        return registry.verify(RepositoryName.parse(name));
    }

    private static Long parsePosition(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw RegistryException.invalidParameter("cursor", "Member must be a cursor returned by a previous page");
        }
    }
}
