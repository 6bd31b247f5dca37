package io.tagledger.query.history;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** Tag histories as the queries read them; {@link TagHistoryProjection} writes them with plain SQL. */
public interface TagHistoryEntries extends JpaRepository<TagHistoryEntry, Long> {

    List<TagHistoryEntry> findByRepositoryNameAndTagOrderByValidFromAscIdAsc(String repositoryName, String tag);
}
