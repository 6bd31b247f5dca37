package io.tagledger.query.history;

import io.tagledger.query.Rows;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;

/** Tag histories in a table: the live one, or a rebuild's fresh one. Plain statements, each period found by its key. */
final class DatabaseTagPeriods implements TagPeriods {

    static final String TABLE = "tag_history";

    private final JdbcTemplate jdbc;
    private final String table;

    DatabaseTagPeriods(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** The statement that writes a period whole, open or ended; its id orders periods that start at the same instant. */
    static String insertWhole(String table) {
        return "insert into " + table + " (id, repository_name, tag, digest, opened_by, valid_from, moved_by, valid_to, ended_by, ended_how) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public void open(String repository, String tag, String digest, String openedBy, long position, Instant at, String by) {
        // opened_by is unique: the same event can never open two periods, and fails here before it ends any.
        jdbc.update("insert into " + table + " (repository_name, tag, digest, opened_by, valid_from, moved_by) values (?, ?, ?, ?, ?, ?)",
                repository, tag, digest, openedBy, Rows.timestamp(at), by);
        jdbc.update("update " + table + " set valid_to = ?, ended_by = ?, ended_how = 'moved' "
                        + "where repository_name = ? and tag = ? and valid_to is null and opened_by <> ?",
                Rows.timestamp(at), by, repository, tag, openedBy);
    }

    @Override
    public void end(String repository, String tag, Instant at, String by, String how) {
        jdbc.update("update " + table + " set valid_to = ?, ended_by = ?, ended_how = ? where repository_name = ? and tag = ? and valid_to is null",
                Rows.timestamp(at), by, how, repository, tag);
    }

    @Override
    public void endAll(String repository, Instant at, String by, String how) {
        jdbc.update("update " + table + " set valid_to = ?, ended_by = ?, ended_how = ? where repository_name = ? and valid_to is null",
                Rows.timestamp(at), by, how, repository);
    }

    /** After rows were written with their own ids, new periods are numbered after them. */
    void numberAfterWritten() {
        Long last = jdbc.queryForObject("select max(id) from " + table, Long.class);
        jdbc.execute("alter table " + table + " alter column id restart with " + (last == null ? 1 : last + 1));
    }
}
