package io.tagledger.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.domain.trust.TrustPolicy;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Column values that the views write with plain statements, in the form both H2's and PostgreSQL's drivers take. */
public final class Rows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rows() {
    }

    /** An instant for a {@code timestamp with time zone} column, or {@code null}. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A {@code timestamp with time zone} column as an instant, or {@code null}. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A trust policy for its JSON column: {@code null} for none. */
    public static String trustPolicy(TrustPolicy policy) {
        try {
            return policy == null ? null : JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust policy's JSON column, {@link TrustPolicy#OFF} when it holds none. */
    public static TrustPolicy trustPolicy(ResultSet row, String column) throws SQLException {
        String json = row.getString(column);
        try {
            return json == null ? TrustPolicy.OFF : JSON.readValue(json, TrustPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable trust policy in the view: " + json, e);
        }
    }

    /** {@code ?, ?, ?} for an {@code in} list of that many values. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** A statement's arguments: one value, then the values of an {@code in} list. */
    public static Object[] arguments(Object first, Collection<?> values) {
        List<Object> arguments = new ArrayList<>(values.size() + 1);
        arguments.add(first);
        arguments.addAll(values);
        return arguments.toArray();
    }

    /** Rows for one statement, sent to the database a thousand at a time (a rebuild's writes). */
    public static final class Batch {

        private static final int SIZE = 1000;

        private final JdbcTemplate jdbc;
        private final String sql;
        private final List<Object[]> rows = new ArrayList<>(SIZE);

        public Batch(JdbcTemplate jdbc, String sql) {
            this.jdbc = jdbc;
            this.sql = sql;
        }

        public void add(Object... row) {
            rows.add(row);
            if (rows.size() == SIZE) {
                flush();
            }
        }

        public void flush() {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(sql, rows);
                rows.clear();
            }
        }
    }
}
