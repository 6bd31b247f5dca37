package io.tagledger.api.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.AuditFilter;
import io.tagledger.api.registry.Page;
import io.tagledger.api.registry.PageRequest;
import io.tagledger.api.registry.History;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.query.messages.ChainVerification;
import io.tagledger.query.messages.AuditRecord;
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

import java.util.List;

/**
 * What only an event log can answer: a repository's own events, the global audit trail (accepted and
 * refused), each tag's history, and whether a repository's history is still the one that was written.
 */
@RestController
@Tag(name = "audit", description = "Audit trail, repository events, tag history and tamper evidence")
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    private static final int NDJSON_PAGE = 500;
    private static final List<String> ORDERS = List.of("newest", "oldest");

    private final History history;
    private final ObjectMapper json;

    AuditController(History history, ObjectMapper json) {
        this.history = history;
        this.json = json;
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
        RepositoryEvents events = history.events(repository, after == null ? -1 : after, PageRequest.limit("limit", limit));
        return new PageResponse<>(events.items(), events.nextAfter() == null ? null : events.nextAfter().toString());
    }

    /** The trail's filters, shared by its JSON and NDJSON forms; every one optional. */
    record TrailFilter(String repository, String principal, String type, String outcome, String from, String to,
                       String order, String cursor) {

        AuditFilter parse() {
            if (repository != null) {
                try {
                    RepositoryName.parse(repository);
                } catch (RegistryException invalid) {
                    throw RegistryException.invalidParameter("repository", invalid.subject("constraint"));
                }
            }
            if (order != null && !ORDERS.contains(order)) {
                throw RegistryException.invalidParameter("order", "Member must satisfy enum value set: " + ORDERS);
            }
            return new AuditFilter(repository, principal, type, outcome, Instants.parse("from", from), Instants.parse("to", to),
                    !"oldest".equals(order));
        }
    }

    @Operation(summary = "The global audit trail: filterable, newest or oldest first, paged")
    @GetMapping(path = "/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResponse<AuditRecord> audit(@ParameterObject TrailFilter filter, @RequestParam(required = false) Integer limit) {
        AuditFilter parsed = filter.parse();
        return PageResponse.of(history.auditTrail(parsed, PageRequest.of("limit", limit, "cursor", filter.cursor())));
    }

    @Operation(summary = "The global audit trail as NDJSON, one entry per line, every entry that matches: for log shipping")
    @GetMapping(path = "/audit", produces = NDJSON)
    ResponseEntity<StreamingResponseBody> auditStream(@ParameterObject TrailFilter filter) {
        AuditFilter parsed = filter.parse();
        PageRequest first = PageRequest.of("limit", NDJSON_PAGE, "cursor", filter.cursor());
        // Asked before the stream starts, so that a trail being rebuilt answers 503 rather than a cut-off stream.
        Page<AuditRecord> firstPage = history.auditTrail(parsed, first);
        StreamingResponseBody body = out -> {
            Page<AuditRecord> page = firstPage;
            while (true) {
                for (AuditRecord record : page.items()) {
                    out.write(json.writeValueAsBytes(record));
                    out.write('\n');
                }
                out.flush();
                if (page.nextToken() == null) {
                    return;
                }
                page = history.auditTrail(parsed, first.next(page.nextToken()));
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
    }

    @Operation(summary = "Every digest a tag has pointed to, with from/to instants and who moved it there")
    @GetMapping(path = "/repositories/{name}/-/tags/{tag}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    TagHistory tagHistory(@PathVariable String name, @PathVariable String tag) {
        return history.tagHistory(RepositoryName.parse(name), ImageTag.parse(tag));
    }

    @Operation(summary = "Recompute the repository's hash chain: verified, or the first sequence number where it breaks")
    @GetMapping(path = "/repositories/{name}/-/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    ChainVerification verify(@PathVariable String name) {
        return history.verify(RepositoryName.parse(name));
    }
}
