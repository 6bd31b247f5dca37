package io.tagledger.query.view;

import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.RebuildableView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the registry views, one row per live repository, stored image and tag, by applying
 * {@link RegistryFold} to the database. One processing group keeps all three, so that they always agree.
 * A rebuild applies the same fold in memory, writes the result in batches, then follows the events
 * row by row until it replaces the live tables.
 */
@Component
@ProcessingGroup(ProcessingGroups.REGISTRY_VIEWS)
class RegistryViewProjection implements RebuildableView {

    private final DatabaseViewStore views;

    RegistryViewProjection(DataSource dataSource) {
        this.views = new DatabaseViewStore(new JdbcTemplate(dataSource), "");
    }

    /** Every event: the fold decides which ones change the views (refusals, for one, change nothing). */
    @EventHandler
    void on(Object event, @Timestamp Instant at) {
        RegistryFold.apply(event, at, views);
    }

    @Override
    public List<String> tables() {
        return DatabaseViewStore.TABLES;
    }

    @Override
    public Rebuild rebuildInto(JdbcTemplate jdbc, String suffix) {
        DatabaseViewStore fresh = new DatabaseViewStore(jdbc, suffix);
        return new Rebuild() {

            private MemoryViewStore memory = MemoryViewStore.keepingManifests();

            @Override
            public void apply(long position, EventMessage<?> event) {
                RegistryFold.apply(event.getPayload(), event.getTimestamp(), memory == null ? fresh : memory);
            }

            @Override
            public boolean memoryFull() {
                return memory != null && memory.size() >= MEMORY_ROWS;
            }

            @Override
            public void flush() {
                if (memory != null) {
                    fresh.insertAll(memory);
                    memory = null;
                }
            }
        };
    }
}
