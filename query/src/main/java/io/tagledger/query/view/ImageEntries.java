package io.tagledger.query.view;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;

public interface ImageEntries extends JpaRepository<ImageEntry, ImageKey> {

    List<ImageEntry> findByRepositoryName(String repositoryName);

    List<ImageEntry> findByRepositoryNameAndSubjectOrderByDigestAsc(String repositoryName, String subject);

    List<ImageEntry> findByRepositoryNameAndDigestGreaterThanOrderByDigestAsc(String repositoryName, String after, Limit limit);

    @Query("""
            select i from ImageEntry i where i.repositoryName = :repositoryName and i.digest > :after
              and exists (select t from TagEntry t where t.repositoryName = i.repositoryName and t.digest = i.digest)
            order by i.digest""")
    List<ImageEntry> findTagged(String repositoryName, String after, Limit limit);

    @Query("""
            select i from ImageEntry i where i.repositoryName = :repositoryName and i.digest > :after
              and not exists (select t from TagEntry t where t.repositoryName = i.repositoryName and t.digest = i.digest)
            order by i.digest""")
    List<ImageEntry> findUntagged(String repositoryName, String after, Limit limit);

    @Query("select i.repositoryName, count(i) from ImageEntry i where i.repositoryName in :names group by i.repositoryName")
    List<Object[]> countByRepositoryNames(Collection<String> names);
}
