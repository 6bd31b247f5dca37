package io.tagledger.query.view;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ViewVersions extends JpaRepository<ViewVersion, String> {
}
