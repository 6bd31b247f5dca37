package io.tagledger.query.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.domain.event.EncryptionConfigured;
import io.tagledger.domain.event.ImageScanningSet;
import io.tagledger.domain.event.LifecyclePolicyDeleted;
import io.tagledger.domain.event.LifecyclePolicySet;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.RepositoryPolicyDeleted;
import io.tagledger.domain.event.RepositoryPolicySet;
import io.tagledger.domain.event.ResourceTagsAdded;
import io.tagledger.domain.event.ResourceTagsRemoved;
import io.tagledger.domain.event.TrustPolicySet;
import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustPolicy;
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
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps each live repository's settings beyond its tag rules, one row per repository: its lifecycle
 * policy, its repository policy, its trust policy, its resource tags, and the scanning and encryption settings it was given. Settings change
 * rarely: a rebuild writes each event through as it comes.
 */
@Component
@ProcessingGroup(ProcessingGroups.REPOSITORY_SETTINGS)
class RepositorySettingsProjection implements RebuildableView {

    static final String TABLE = "repository_setting";
    static final ObjectMapper JSON = new ObjectMapper();
    static final TypeReference<TreeMap<String, String>> TAGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    RepositorySettingsProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @EventHandler
    void on(Object event, @Timestamp Instant at) {
        apply(jdbc, TABLE, event, at);
    }

    /** The one fold, for the live table and a rebuild's alike. */
    static void apply(JdbcTemplate jdbc, String table, Object event, Instant at) {
        if (event instanceof RepositoryCreated created) {
            jdbc.update("delete from " + table + " where repository_name = ?", created.repositoryName());
            jdbc.update("insert into " + table + " (repository_name, resource_tags, scan_on_push, encryption_type) values (?, ?, ?, ?)",
                    created.repositoryName(), "{}", false, "AES256");
        } else if (event instanceof RepositoryDeleted deleted) {
            jdbc.update("delete from " + table + " where repository_name = ?", deleted.repositoryName());
        } else if (event instanceof LifecyclePolicySet set) {
            jdbc.update("update " + table + " set lifecycle_policy = ?, lifecycle_policy_set_at = ? where repository_name = ?",
                    set.lifecyclePolicyText(), Rows.timestamp(at), set.repositoryName());
        } else if (event instanceof LifecyclePolicyDeleted deleted) {
            jdbc.update("update " + table + " set lifecycle_policy = null, lifecycle_policy_set_at = null where repository_name = ?",
                    deleted.repositoryName());
        } else if (event instanceof RepositoryPolicySet set) {
            jdbc.update("update " + table + " set repository_policy = ? where repository_name = ?", set.policyText(), set.repositoryName());
        } else if (event instanceof RepositoryPolicyDeleted deleted) {
            jdbc.update("update " + table + " set repository_policy = null where repository_name = ?", deleted.repositoryName());
        } else if (event instanceof TrustPolicySet set) {
            TrustPolicy policy = new TrustPolicy(TrustMode.valueOf(set.mode()), set.tags(), set.cosignKeys(), set.notationCertificates());
            jdbc.update("update " + table + " set trust_policy = ? where repository_name = ?", Rows.trustPolicy(policy), set.repositoryName());
        } else if (event instanceof ResourceTagsAdded added) {
            Map<String, String> tags = tags(jdbc, table, added.repositoryName());
            tags.putAll(added.tags());
            setTags(jdbc, table, added.repositoryName(), tags);
        } else if (event instanceof ResourceTagsRemoved removed) {
            Map<String, String> tags = tags(jdbc, table, removed.repositoryName());
            removed.keys().forEach(tags::remove);
            setTags(jdbc, table, removed.repositoryName(), tags);
        } else if (event instanceof ImageScanningSet scanning) {
            jdbc.update("update " + table + " set scan_on_push = ? where repository_name = ?", scanning.scanOnPush(),
                    scanning.repositoryName());
        } else if (event instanceof EncryptionConfigured encryption) {
            jdbc.update("update " + table + " set encryption_type = ?, kms_key = ? where repository_name = ?",
                    encryption.encryptionType(), encryption.kmsKey(), encryption.repositoryName());
        }
    }

    private static Map<String, String> tags(JdbcTemplate jdbc, String table, String repository) {
        String json = jdbc.queryForObject("select resource_tags from " + table + " where repository_name = ?", String.class, repository);
        return parseTags(json);
    }

    static TreeMap<String, String> parseTags(String json) {
        try {
            return JSON.readValue(json, TAGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable resource tags in the view: " + json, e);
        }
    }

    private static void setTags(JdbcTemplate jdbc, String table, String repository, Map<String, String> tags) {
        try {
            jdbc.update("update " + table + " set resource_tags = ? where repository_name = ?", JSON.writeValueAsString(new TreeMap<>(tags)),
                    repository);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public Rebuild rebuildInto(JdbcTemplate fresh, String suffix) {
        return RebuildableView.writingThrough(fresh, TABLE + suffix, RepositorySettingsProjection::apply);
    }
}
