package io.tagledger.query.history;

import io.tagledger.query.ReadsFrom;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.messages.FindTagHistory;
import io.tagledger.query.messages.TagHistory;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers queries on tag histories. */
@Component
@Transactional(readOnly = true)
public class TagHistoryQueries {

    private final TagHistoryEntries entries;

    TagHistoryQueries(TagHistoryEntries entries) {
        this.entries = entries;
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.TAG_HISTORY)
    public TagHistory handle(FindTagHistory query) {
        return new TagHistory(query.repositoryName(), query.tag(),
                entries.findByRepositoryNameAndTagOrderByValidFromAscIdAsc(query.repositoryName(), query.tag()).stream()
                        .map(entry -> new TagHistory.Period(entry.getDigest(), entry.getValidFrom(), entry.getValidTo(),
                                entry.getMovedBy(), entry.getEndedBy(), entry.getEndedHow()))
                        .toList());
    }
}
