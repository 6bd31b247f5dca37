package io.tagledger.query.templates;

import io.tagledger.domain.event.CreationTemplateCreated;
import io.tagledger.domain.event.CreationTemplateDeleted;
import io.tagledger.domain.event.CreationTemplateUpdated;
import io.tagledger.domain.TemplateUse;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.RebuildableView;
import io.tagledger.query.Rows;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps the repository creation templates as they are now, one row per prefix. Few and small: a rebuild
 * writes each event through as it comes.
 */
@Component
@ProcessingGroup(ProcessingGroups.CREATION_TEMPLATES)
class CreationTemplateProjection implements RebuildableView {

    static final String TABLE = "creation_template";

    private final JdbcTemplate jdbc;

    CreationTemplateProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @EventHandler
    void on(Object event, @Timestamp Instant at) {
        apply(jdbc, TABLE, event, at);
    }

    /** The one fold, for the live table and a rebuild's alike. */
    static void apply(JdbcTemplate jdbc, String table, Object event, Instant at) {
        if (event instanceof CreationTemplateCreated created) {
            jdbc.update("delete from " + table + " where prefix = ?", created.prefix());
            jdbc.update("insert into " + table + " (prefix, description, image_tag_mutability, exclusion_filters, applied_for, "
                            + "trust_policy, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)", created.prefix(), created.description(),
                    created.imageTagMutability().name(), String.join(",", created.exclusionFilters()), uses(created.appliedFor()),
                    Rows.trustPolicy(created.trustPolicy()), Rows.timestamp(at), Rows.timestamp(at));
        } else if (event instanceof CreationTemplateUpdated updated) {
            jdbc.update("update " + table + " set description = ?, image_tag_mutability = ?, exclusion_filters = ?, applied_for = ?, "
                            + "trust_policy = ?, updated_at = ? where prefix = ?", updated.description(), updated.imageTagMutability().name(),
                    String.join(",", updated.exclusionFilters()), uses(updated.appliedFor()), Rows.trustPolicy(updated.trustPolicy()),
                    Rows.timestamp(at), updated.prefix());
        } else if (event instanceof CreationTemplateDeleted deleted) {
            jdbc.update("delete from " + table + " where prefix = ?", deleted.prefix());
        }
    }

    private static String uses(List<TemplateUse> uses) {
        return uses.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public Rebuild rebuildInto(JdbcTemplate fresh, String suffix) {
        return RebuildableView.writingThrough(fresh, TABLE + suffix, CreationTemplateProjection::apply);
    }
}
