package io.tagledger.query.history;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface TagHistoryEntries extends JpaRepository<TagHistoryEntry, Long> {

    List<TagHistoryEntry> findByRepositoryNameAndTagOrderByValidFromAscIdAsc(String repositoryName, String tag);

    Optional<TagHistoryEntry> findByRepositoryNameAndTagAndValidToIsNull(String repositoryName, String tag);

    List<TagHistoryEntry> findByRepositoryNameAndValidToIsNull(String repositoryName);

    boolean existsByOpenedBy(String eventIdentifier);
}
