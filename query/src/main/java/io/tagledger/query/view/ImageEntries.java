package io.tagledger.query.view;

import io.tagledger.query.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images as the queries read them, from {@code image_view}. Listings leave the manifest out: it is
 * the row's largest column, and a listing does not show it. They order by the repository too, the
 * index's first column: H2 then reads the index in order and stops at the page's end, where with the
 * digest alone it sorted every image of the repository.
 */
@Component
class ImageEntries {

    private static final String LISTED = "i.repository_name, i.digest, i.media_type, i.size_bytes, i.pushed_at, i.subject";
    private static final RowMapper<ImageEntry> LISTED_ROW = (row, number) -> new ImageEntry(row.getString("repository_name"),
            row.getString("digest"), row.getString("media_type"), row.getLong("size_bytes"), Rows.instant(row, "pushed_at"),
            null, row.getString("subject"));
    private static final RowMapper<ImageEntry> WHOLE_ROW = (row, number) -> new ImageEntry(row.getString("repository_name"),
            row.getString("digest"), row.getString("media_type"), row.getLong("size_bytes"), Rows.instant(row, "pushed_at"),
            row.getString("manifest"), row.getString("subject"));
    private static final String TAGGED = "exists (select 1 from tag_view t where t.repository_name = i.repository_name and t.digest = i.digest)";

    private final JdbcTemplate jdbc;

    ImageEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ImageEntry> find(String repositoryName, String digest) {
        return jdbc.query("select * from image_view where repository_name = ? and digest = ?", WHOLE_ROW, repositoryName, digest)
                .stream().findFirst();
    }

    /** The images of those digests that exist, manifests included, in digest order. */
    List<ImageEntry> withDigests(String repositoryName, Collection<String> digests) {
        return digests.isEmpty() ? List.of() : jdbc.query("select * from image_view where repository_name = ? and digest in ("
                + Rows.placeholders(digests.size()) + ") order by digest", WHOLE_ROW, Rows.arguments(repositoryName, digests));
    }

    /** Every image of the repository, manifests included. */
    List<ImageEntry> all(String repositoryName) {
        return jdbc.query("select * from image_view where repository_name = ?", WHOLE_ROW, repositoryName);
    }

    /** The images whose manifests name the digest as their subject, manifests included, in digest order. */
    List<ImageEntry> referring(String repositoryName, String subject) {
        return jdbc.query("select * from image_view where repository_name = ? and subject = ? order by digest", WHOLE_ROW,
                repositoryName, subject);
    }

    List<ImageEntry> page(String repositoryName, String after, int limit) {
        return jdbc.query("select " + LISTED + " from image_view i where i.repository_name = ? and i.digest > ? order by i.repository_name, i.digest limit ?",
                LISTED_ROW, repositoryName, after, limit);
    }

    List<ImageEntry> taggedPage(String repositoryName, String after, int limit) {
        return jdbc.query("select " + LISTED + " from image_view i where i.repository_name = ? and i.digest > ? and " + TAGGED
                + " order by i.repository_name, i.digest limit ?", LISTED_ROW, repositoryName, after, limit);
    }

    List<ImageEntry> untaggedPage(String repositoryName, String after, int limit) {
        return jdbc.query("select " + LISTED + " from image_view i where i.repository_name = ? and i.digest > ? and not " + TAGGED
                + " order by i.repository_name, i.digest limit ?", LISTED_ROW, repositoryName, after, limit);
    }

    /** The number of images of each of the repositories that has any. */
    Map<String, Long> counts(Collection<String> repositoryNames) {
        Map<String, Long> counts = new HashMap<>();
        if (!repositoryNames.isEmpty()) {
            jdbc.query("select repository_name, count(*) from image_view where repository_name in ("
                            + Rows.placeholders(repositoryNames.size()) + ") group by repository_name",
                    row -> {
                        counts.put(row.getString(1), row.getLong(2));
                    }, repositoryNames.toArray());
        }
        return counts;
    }
}
