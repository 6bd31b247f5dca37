package io.tagledger.query.history;

import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.RebuildableView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.List;

/**
 * Keeps every tag's history: each digest it pointed to, with from/to instants and who moved it
 * ({@link TagHistoryFold}). Plain statements, in the transaction that stores the events; a rebuild
 * folds the periods in memory, writes the ended ones in batches, and follows the events row by row
 * once it has written the open ones.
 */
@Component
@ProcessingGroup(ProcessingGroups.TAG_HISTORY)
class TagHistoryProjection implements RebuildableView {

    private final DatabaseTagPeriods periods;

    TagHistoryProjection(DataSource dataSource) {
        this.periods = new DatabaseTagPeriods(new JdbcTemplate(dataSource), DatabaseTagPeriods.TABLE);
    }

    @EventHandler
    void on(Object event, EventMessage<?> message) {
        // The live table numbers its periods itself; the position is a rebuild's number for them.
        TagHistoryFold.apply(0, message, periods);
    }

    @Override
    public List<String> tables() {
        return List.of(DatabaseTagPeriods.TABLE);
    }

    @Override
    public Rebuild rebuildInto(JdbcTemplate jdbc, String suffix) {
        DatabaseTagPeriods fresh = new DatabaseTagPeriods(jdbc, DatabaseTagPeriods.TABLE + suffix);
        return new Rebuild() {

            private MemoryTagPeriods memory = new MemoryTagPeriods(jdbc, DatabaseTagPeriods.TABLE + suffix);

            @Override
            public void apply(long position, EventMessage<?> event) {
                TagHistoryFold.apply(position, event, memory == null ? fresh : memory);
            }

            @Override
            public boolean memoryFull() {
                return memory != null && memory.size() >= MEMORY_ROWS;
            }

            @Override
            public void flush() {
                if (memory != null) {
                    memory.flush();
                    fresh.numberAfterWritten();
                    memory = null;
                }
            }
        };
    }
}
