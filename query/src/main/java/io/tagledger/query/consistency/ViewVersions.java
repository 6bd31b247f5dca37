package io.tagledger.query.consistency;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ViewVersions extends JpaRepository<ViewVersion, ViewVersionKey> {

    @Modifying
    @Query("delete from ViewVersion v where v.processingGroup = :processingGroup")
    void deleteByProcessingGroup(String processingGroup);
}
