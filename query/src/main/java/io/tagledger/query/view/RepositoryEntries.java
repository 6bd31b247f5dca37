package io.tagledger.query.view;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface RepositoryEntries extends JpaRepository<RepositoryEntry, String> {

    List<RepositoryEntry> findByNameGreaterThanOrderByNameAsc(String after, Limit limit);

    List<RepositoryEntry> findByNameGreaterThanAndNameContainingIgnoreCaseOrderByNameAsc(String after, String part, Limit limit);
}
