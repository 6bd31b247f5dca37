package io.tagledger.query.templates;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.TemplateUse;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.ReadsFrom;
import io.tagledger.query.Rows;
import io.tagledger.query.messages.CreationTemplatePage;
import io.tagledger.query.messages.CreationTemplateSummary;
import io.tagledger.query.messages.FindCreationTemplateFor;
import io.tagledger.query.messages.ListCreationTemplates;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Answers queries on the repository creation templates. */
@Component
public class CreationTemplateQueries {

    private final JdbcTemplate jdbc;

    CreationTemplateQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.CREATION_TEMPLATES)
    public CreationTemplatePage handle(ListCreationTemplates query) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        if (query.prefixes() != null && !query.prefixes().isEmpty()) {
            conditions.add("prefix in (" + Rows.placeholders(query.prefixes().size()) + ")");
            arguments.addAll(query.prefixes());
        }
        if (query.after() != null) {
            conditions.add("prefix > ?");
            arguments.add(query.after());
        }
        arguments.add(query.limit() + 1);
        List<CreationTemplateSummary> found = jdbc.query("select * from " + CreationTemplateProjection.TABLE
                        + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions)) + " order by prefix limit ?",
                (row, number) -> summary(row), arguments.toArray());
        List<CreationTemplateSummary> page = found.subList(0, Math.min(found.size(), query.limit()));
        return new CreationTemplatePage(List.copyOf(page), found.size() > query.limit() ? page.get(page.size() - 1).prefix() : null);
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.CREATION_TEMPLATES)
    public Optional<CreationTemplateSummary> handle(FindCreationTemplateFor query) {
        // Every prefix that could match: ROOT, and each namespace of the name (prod, prod/team for prod/team/app).
        List<String> candidates = new ArrayList<>(List.of(TemplatePrefix.ROOT));
        String name = query.repositoryName();
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            candidates.add(name.substring(0, slash));
        }
        return jdbc.query("select * from " + CreationTemplateProjection.TABLE + " where prefix in ("
                                + Rows.placeholders(candidates.size()) + ")", (row, number) -> summary(row), candidates.toArray()).stream()
                .filter(template -> template.appliedFor().contains(TemplateUse.CREATE_ON_PUSH))
                .filter(template -> TemplatePrefix.parse(template.prefix()).matches(name))
                .max(Comparator.comparingInt(template -> TemplatePrefix.parse(template.prefix()).specificity()));
    }

    private static CreationTemplateSummary summary(ResultSet row) throws SQLException {
        String filters = row.getString("exclusion_filters");
        return new CreationTemplateSummary(row.getString("prefix"), row.getString("description"),
                TagMutabilityMode.valueOf(row.getString("image_tag_mutability")),
                filters == null || filters.isEmpty() ? List.of() : List.of(filters.split(",")),
                Arrays.stream(row.getString("applied_for").split(",")).map(TemplateUse::valueOf).toList(),
                Rows.trustPolicy(row, "trust_policy"), Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
