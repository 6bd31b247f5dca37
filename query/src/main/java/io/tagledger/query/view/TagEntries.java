package io.tagledger.query.view;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;

public interface TagEntries extends JpaRepository<TagEntry, TagKey> {

    List<TagEntry> findByRepositoryName(String repositoryName);

    List<TagEntry> findByRepositoryNameAndTagGreaterThanOrderByTagAsc(String repositoryName, String after, Limit limit);

    List<TagEntry> findByRepositoryNameAndDigestInOrderByTagAsc(String repositoryName, Collection<String> digests);

    @Query("""
            select t from TagEntry t where t.repositoryName = :repositoryName
              and (t.digest > :afterDigest or (t.digest = :afterDigest and t.tag > :afterTag))
            order by t.digest, t.tag""")
    List<TagEntry> findPairsAfter(String repositoryName, String afterDigest, String afterTag, Limit limit);
}
