package io.tagledger.query.settings;

import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.ReadsFrom;
import io.tagledger.query.Rows;
import io.tagledger.query.messages.FindRepositorySettings;
import io.tagledger.query.messages.ListLifecyclePolicies;
import io.tagledger.query.messages.RepositoryNames;
import io.tagledger.query.messages.RepositorySettings;
import io.tagledger.query.messages.RepositorySettingsList;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.tagledger.query.messages.ListRepositoryPolicies;
import io.tagledger.query.messages.RepositoryPolicies;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Answers queries on the repositories' settings. */
@Component
public class RepositorySettingsQueries {

    private final JdbcTemplate jdbc;

    RepositorySettingsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REPOSITORY_SETTINGS)
    public RepositorySettingsList handle(FindRepositorySettings query) {
        if (query.repositoryNames().isEmpty()) {
            return new RepositorySettingsList(List.of());
        }
        return new RepositorySettingsList(jdbc.query("select * from " + RepositorySettingsProjection.TABLE + " where repository_name in ("
                + Rows.placeholders(query.repositoryNames().size()) + ") order by repository_name", (row, number) ->
                        new RepositorySettings(row.getString("repository_name"), row.getString("lifecycle_policy"),
                                Rows.instant(row, "lifecycle_policy_set_at"),
                                RepositorySettingsProjection.parseTags(row.getString("resource_tags")), row.getBoolean("scan_on_push"),
                                row.getString("encryption_type"), row.getString("kms_key"), row.getString("repository_policy"),
                                Rows.trustPolicy(row, "trust_policy")),
                query.repositoryNames().toArray()));
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REPOSITORY_SETTINGS)
    public RepositoryPolicies handle(ListRepositoryPolicies query) {
        Map<String, String> policies = new TreeMap<>();
        jdbc.query("select repository_name, repository_policy from " + RepositorySettingsProjection.TABLE
                + " where repository_policy is not null", row -> {
            policies.put(row.getString("repository_name"), row.getString("repository_policy"));
        });
        return new RepositoryPolicies(policies);
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.REPOSITORY_SETTINGS)
    public RepositoryNames handle(ListLifecyclePolicies query) {
        return new RepositoryNames(jdbc.queryForList("select repository_name from " + RepositorySettingsProjection.TABLE
                        + " where lifecycle_policy is not null and repository_name > ? order by repository_name limit ?", String.class,
                query.after() == null ? "" : query.after(), query.limit()));
    }
}
