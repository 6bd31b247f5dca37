package io.tagledger.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.ReadsFrom;
import io.tagledger.query.Rows;
import io.tagledger.query.messages.AuditPage;
import io.tagledger.query.messages.AuditRecord;
import io.tagledger.query.messages.FindAuditTrail;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Answers queries on the audit trail. */
@Component
public class AuditQueries {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AuditQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.AUDIT_TRAIL)
    public AuditPage handle(FindAuditTrail query) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        equal(conditions, arguments, "repository_name", query.repository());
        equal(conditions, arguments, "principal", query.principal());
        equal(conditions, arguments, "type", query.type());
        equal(conditions, arguments, "outcome", query.outcome());
        if (query.from() != null) {
            conditions.add("timestamp >= ?");
            arguments.add(Rows.timestamp(query.from()));
        }
        if (query.to() != null) {
            conditions.add("timestamp < ?");
            arguments.add(Rows.timestamp(query.to()));
        }
        if (query.after() != null) {
            conditions.add(query.newestFirst() ? "position < ?" : "position > ?");
            arguments.add(query.after());
        }
        arguments.add(query.limit() + 1);
        List<AuditRecord> found = jdbc.query("select * from audit_trail"
                        + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                        + " order by position " + (query.newestFirst() ? "desc" : "asc") + " limit ?",
                (row, number) -> record(row), arguments.toArray());
        List<AuditRecord> page = found.subList(0, Math.min(found.size(), query.limit()));
        return new AuditPage(List.copyOf(page), found.size() > query.limit() ? page.get(page.size() - 1).position() : null);
    }

    private static void equal(List<String> conditions, List<Object> arguments, String column, String value) {
        if (value != null) {
            conditions.add(column + " = ?");
            arguments.add(value);
        }
    }

    private AuditRecord record(ResultSet row) throws SQLException {
        long position = row.getLong("position");
        try {
            return new AuditRecord(position, row.getString("repository_name"), row.getObject("sequence_number", Long.class),
                    row.getString("type"), row.getString("outcome"), row.getString("error_code"), Rows.instant(row, "timestamp"),
                    row.getString("principal"), row.getString("claimed_by"), row.getString("api"), row.getString("source_address"),
                    row.getString("user_agent"), row.getString("request_id"), row.getString("correlation_id"),
                    json.readTree(row.getString("payload")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The trail holds a payload that is not JSON at " + position, e);
        }
    }
}
