package io.tagledger.query.history;

import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.RebuildableView;
import io.tagledger.query.view.RegistryFold;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.List;

/**
 * Keeps the registry over time. Every tag's history: each digest it pointed to, with from/to instants
 * and who moved it ({@link TagHistoryFold}). Every image and every repository's rules, from when until
 * when: the registry views' own fold ({@link RegistryFold}) applied to periods instead of rows of now.
 * Plain statements, in the transaction that stores the events; a rebuild folds the periods in memory,
 * writes the ended ones in batches, and follows the events row by row once it has written the open ones.
 */
@Component
@ProcessingGroup(ProcessingGroups.HISTORY)
class HistoryProjection implements RebuildableView {

    private final DatabaseTagPeriods tags;
    private final DatabaseRegistryPeriods registry;

    HistoryProjection(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        this.tags = new DatabaseTagPeriods(jdbc, DatabaseTagPeriods.TABLE);
        this.registry = new DatabaseRegistryPeriods(jdbc, "");
    }

    @EventHandler
    void on(Object event, EventMessage<?> message) {
        // The live table numbers its periods itself; the position is a rebuild's number for them.
        TagHistoryFold.apply(0, message, tags);
        RegistryFold.apply(event, message.getTimestamp(), registry.at(message.getTimestamp()));
    }

    @Override
    public List<String> tables() {
        return List.of(DatabaseTagPeriods.TABLE, DatabaseRegistryPeriods.REPOSITORIES, DatabaseRegistryPeriods.IMAGES);
    }

    @Override
    public Rebuild rebuildInto(JdbcTemplate jdbc, String suffix) {
        DatabaseTagPeriods freshTags = new DatabaseTagPeriods(jdbc, DatabaseTagPeriods.TABLE + suffix);
        DatabaseRegistryPeriods freshRegistry = new DatabaseRegistryPeriods(jdbc, suffix);
        return new Rebuild() {

            private MemoryTagPeriods memoryTags = new MemoryTagPeriods(jdbc, DatabaseTagPeriods.TABLE + suffix);
            private MemoryRegistryPeriods memoryRegistry = new MemoryRegistryPeriods(jdbc, suffix);

            @Override
            public void apply(long position, EventMessage<?> event) {
                boolean inMemory = memoryTags != null;
                TagHistoryFold.apply(position, event, inMemory ? memoryTags : freshTags);
                RegistryFold.apply(event.getPayload(), event.getTimestamp(),
                        (inMemory ? memoryRegistry : freshRegistry).at(event.getTimestamp()));
            }

            @Override
            public boolean memoryFull() {
                return memoryTags != null && memoryTags.size() + memoryRegistry.size() >= MEMORY_ROWS;
            }

            @Override
            public void flush() {
                if (memoryTags != null) {
                    memoryTags.flush();
                    memoryRegistry.flush();
                    freshTags.numberAfterWritten();
                    memoryTags = null;
                    memoryRegistry = null;
                }
            }
        };
    }
}
