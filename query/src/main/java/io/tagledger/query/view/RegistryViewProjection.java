package io.tagledger.query.view;

import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Keeps the registry views, one row per live repository, stored image and tag, by applying
 * {@link RegistryFold} to the database. One processing group keeps all three, so that they always agree.
 */
@Component
@ProcessingGroup(ProcessingGroups.REGISTRY_VIEWS)
class RegistryViewProjection {

    private final DatabaseViewStore views;

    RegistryViewProjection(DatabaseViewStore views) {
        this.views = views;
    }

    /** Every event: the fold decides which ones change the views (refusals, for one, change nothing). */
    @EventHandler
    void on(Object event, @Timestamp Instant at) {
        RegistryFold.apply(event, at, views);
    }

    @ResetHandler
    void reset() {
        views.clear();
    }
}
