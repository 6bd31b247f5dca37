package io.tagledger.query.history;

import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.ReadsFrom;
import io.tagledger.query.Rows;
import io.tagledger.query.messages.FindTagHistory;
import io.tagledger.query.messages.TagHistory;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers queries on tag histories. */
@Component
public class TagHistoryQueries {

    private final JdbcTemplate jdbc;

    TagHistoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.HISTORY)
    public TagHistory handle(FindTagHistory query) {
        return new TagHistory(query.repositoryName(), query.tag(), jdbc.query("""
                        select digest, valid_from, valid_to, moved_by, ended_by, ended_how from tag_history
                        where repository_name = ? and tag = ? order by valid_from, id""",
                (row, number) -> new TagHistory.Period(row.getString("digest"), Rows.instant(row, "valid_from"),
                        Rows.instant(row, "valid_to"), row.getString("moved_by"), row.getString("ended_by"), row.getString("ended_how")),
                query.repositoryName(), query.tag()));
    }
}
