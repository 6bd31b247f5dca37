package io.tagledger.query.view;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.TagMutabilitySet;
import io.tagledger.query.messages.RepositorySummary;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A repository's rules as the views keep them, now and over time: its tag mutability with its exclusion
 * filters, its tag protection, and whether it accepts a tag's digest again. One value, one set of columns
 * ({@link #COLUMNS}), so that a new rule is added here and in its migration.
 */
public record RepositoryRules(TagMutabilityMode tagMutability, List<String> exclusionFilters, TagProtection tagProtection,
                              TagRepush tagRepush) {

    /** The columns that hold the rules, in every table that keeps them, in the order of {@link #columns()}. */
    public static final String COLUMNS = "tag_mutability, exclusion_filters, tag_protection, tag_repush";
    /** The same columns as an update sets them. */
    public static final String ASSIGNMENTS = "tag_mutability = ?, exclusion_filters = ?, tag_protection = ?, tag_repush = ?";

    public RepositoryRules {
        exclusionFilters = exclusionFilters == null ? List.of() : List.copyOf(exclusionFilters);
    }

    public static RepositoryRules of(RepositoryCreated created) {
        return new RepositoryRules(created.imageTagMutability(), created.exclusionFilters(), created.tagProtection(),
                created.imageTagRepush());
    }

    public static RepositoryRules of(TagMutabilitySet set) {
        return new RepositoryRules(set.imageTagMutability(), set.exclusionFilters(), set.tagProtection(), set.imageTagRepush());
    }

    /** The rules a row holds in {@link #COLUMNS}; filters are joined by commas (ECR's filter grammar has no comma). */
    public static RepositoryRules read(ResultSet row) throws SQLException {
        String filters = row.getString("exclusion_filters");
        return new RepositoryRules(TagMutabilityMode.valueOf(row.getString("tag_mutability")),
                filters.isEmpty() ? List.of() : Arrays.asList(filters.split(",")),
                TagProtection.valueOf(row.getString("tag_protection")), TagRepush.valueOf(row.getString("tag_repush")));
    }

    /** The values of {@link #COLUMNS}. */
    public Object[] columns() {
        return new Object[] {tagMutability.name(), String.join(",", exclusionFilters), tagProtection.name(), tagRepush.name()};
    }

    public RepositorySummary summary(String name, Instant createdAt, long imageCount) {
        return new RepositorySummary(name, tagMutability, exclusionFilters, tagProtection, tagRepush, createdAt, imageCount);
    }
}
