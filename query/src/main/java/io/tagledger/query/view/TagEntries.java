package io.tagledger.query.view;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

public interface TagEntries extends JpaRepository<TagEntry, TagKey> {

    List<TagEntry> findByRepositoryName(String repositoryName);

    List<TagEntry> findByRepositoryNameAndTagGreaterThanOrderByTagAsc(String repositoryName, String after, Limit limit);

    List<TagEntry> findByRepositoryNameAndDigestInOrderByTagAsc(String repositoryName, Collection<String> digests);
}
