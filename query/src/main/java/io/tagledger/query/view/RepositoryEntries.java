package io.tagledger.query.view;

import io.tagledger.query.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** The live repositories as the queries read them, from {@code repository_view}. */
@Component
class RepositoryEntries {

    private static final RowMapper<RepositoryEntry> ROW = (row, number) ->
            new RepositoryEntry(row.getString("name"), RepositoryRules.read(row), Rows.instant(row, "created_at"));

    private final JdbcTemplate jdbc;

    RepositoryEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RepositoryEntry> find(String name) {
        return jdbc.query("select * from repository_view where name = ?", ROW, name).stream().findFirst();
    }

    boolean exists(String name) {
        return !jdbc.queryForList("select 1 from repository_view where name = ?", Integer.class, name).isEmpty();
    }

    /** Up to {@code limit} repositories named after {@code after}, in name order, whose names contain {@code part} if given. */
    List<RepositoryEntry> page(String after, String part, int limit) {
        return part == null
                ? jdbc.query("select * from repository_view where name > ? order by name limit ?", ROW, after, limit)
                : jdbc.query("select * from repository_view where name > ? and lower(name) like ? escape '\\' order by name limit ?",
                        ROW, after, "%" + likeLiteral(part.toLowerCase()) + "%", limit);
    }

    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
