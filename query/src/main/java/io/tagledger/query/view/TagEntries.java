package io.tagledger.query.view;

import io.tagledger.query.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The tags as the queries read them, from {@code tag_view}. */
@Component
class TagEntries {

    private static final RowMapper<TagEntry> ROW = (row, number) -> new TagEntry(row.getString("repository_name"),
            row.getString("tag"), row.getString("digest"), Rows.instant(row, "pushed_at"));

    private final JdbcTemplate jdbc;

    TagEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TagEntry> find(String repositoryName, String tag) {
        return jdbc.query("select * from tag_view where repository_name = ? and tag = ?", ROW, repositoryName, tag).stream().findFirst();
    }

    /** The tags of those names that exist, in tag order. */
    List<TagEntry> named(String repositoryName, Collection<String> tags) {
        return tags.isEmpty() ? List.of() : jdbc.query("select * from tag_view where repository_name = ? and tag in ("
                + Rows.placeholders(tags.size()) + ") order by tag", ROW, Rows.arguments(repositoryName, tags));
    }

    /**
     * The tags that point to any of the digests, in tag order. Read as the range from the least digest
     * to the greatest, which H2 finds through the index, where an {@code in} list made it read every tag
     * of the repository; a page's digests are that range, but for images of another status.
     */
    List<TagEntry> pointingTo(String repositoryName, Collection<String> digests) {
        if (digests.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>(digests);
        return jdbc.query("select * from tag_view where repository_name = ? and digest >= ? and digest <= ? order by tag", ROW,
                        repositoryName, Collections.min(digests), Collections.max(digests)).stream()
                .filter(tag -> wanted.contains(tag.getDigest())).toList();
    }

    List<TagEntry> page(String repositoryName, String after, int limit) {
        return jdbc.query("select * from tag_view where repository_name = ? and tag > ? order by repository_name, tag limit ?", ROW,
                repositoryName, after, limit);
    }

    /** Up to {@code limit} (digest, tag) pairs after the given pair, in that order. */
    List<TagEntry> pairsAfter(String repositoryName, String afterDigest, String afterTag, int limit) {
        return jdbc.query("""
                select * from tag_view where repository_name = ?
                  and (digest > ? or (digest = ? and tag > ?))
                order by digest, tag limit ?""", ROW, repositoryName, afterDigest, afterDigest, afterTag, limit);
    }
}
