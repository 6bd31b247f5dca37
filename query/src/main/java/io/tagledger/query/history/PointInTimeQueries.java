package io.tagledger.query.history;

import io.tagledger.query.view.RepositoryRules;
import io.tagledger.query.ProcessingGroups;
import io.tagledger.query.ReadsFrom;
import io.tagledger.query.Rows;
import io.tagledger.query.messages.FindRepositoryAsOf;
import io.tagledger.query.messages.ImagePage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ListImagesAsOf;
import io.tagledger.query.messages.ListTagsAsOf;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagPage;
import io.tagledger.query.messages.TagStatus;
import io.tagledger.query.messages.TagSummary;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Point-in-time reads: the repository, its images and its tags as they were at an instant, from the
 * periods the history view keeps (written by the registry views' own fold, see
 * {@link HistoryProjection}). A period holds at an instant when it began at or before it and had not
 * ended by it, as the fold of every event up to that instant would have left it. Each listing is a
 * page read in its index's order (hence the repository in each order by, the index's first column, which
 * H2 needs to see that order) and ended at the page's size.
 */
@Component
public class PointInTimeQueries {

    /** Periods open at an instant: begun at or before it (the first parameter), not ended by it (the second). */
    private static final String OPEN_REPOSITORY = "r.valid_from <= ? and (r.valid_to is null or r.valid_to > ?)";
    private static final String OPEN_IMAGE = "i.pushed_at <= ? and (i.deleted_at is null or i.deleted_at > ?)";
    private static final String OPEN_TAG = "t.valid_from <= ? and (t.valid_to is null or t.valid_to > ?)";
    private static final String IS_TAGGED = "exists (select 1 from tag_history t where t.repository_name = i.repository_name "
            + "and t.digest = i.digest and " + OPEN_TAG + ")";

    /** A lookup of one digest's tags costs about as much as reading this many rows of a range. */
    private static final int ROWS_PER_LOOKUP = 10;

    private final JdbcTemplate jdbc;
    private final int rowsPerLookup;

    @Autowired
    PointInTimeQueries(JdbcTemplate jdbc) {
        this(jdbc, ROWS_PER_LOOKUP);
    }

    /** @param rowsPerLookup what a lookup of one digest's tags costs, in rows of a range; 0 always looks up each */
    PointInTimeQueries(JdbcTemplate jdbc, int rowsPerLookup) {
        this.jdbc = jdbc;
        this.rowsPerLookup = rowsPerLookup;
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.HISTORY)
    public Optional<RepositorySummary> handle(FindRepositoryAsOf query) {
        OffsetDateTime at = Rows.timestamp(query.asOf());
        return jdbc.query("select * from repository_history r where r.repository_name = ? and " + OPEN_REPOSITORY,
                (row, number) -> RepositoryRules.read(row).summary(query.repositoryName(), Rows.instant(row, "created_at"),
                        imageCount(query.repositoryName(), at)), query.repositoryName(), at, at).stream().findFirst();
    }

    /** The images held at an instant: the pushes up to it less the ends up to it, by their {@link ImageCounts numbers}. */
    private long imageCount(String repositoryName, OffsetDateTime at) {
        return last(DatabaseRegistryPeriods.lastPushed(DatabaseRegistryPeriods.IMAGES), "pushed_number", repositoryName, at)
                - last(DatabaseRegistryPeriods.lastDeleted(DatabaseRegistryPeriods.IMAGES), "deleted_number", repositoryName, at);
    }

    private long last(String query, String column, String repositoryName, OffsetDateTime at) {
        List<Long> found = jdbc.query(query, (row, number) -> row.getLong(column), repositoryName, at);
        return found.isEmpty() ? 0 : found.get(0);
    }

    private boolean existed(String repositoryName, OffsetDateTime at) {
        return !jdbc.queryForList("select 1 from repository_history r where r.repository_name = ? and " + OPEN_REPOSITORY, Integer.class,
                repositoryName, at, at).isEmpty();
    }

    /**
     * A page of the images held at an instant, in digest order, by one of two plans that the periods'
     * numbers choose between (see {@link #readByPush}).
     */
    @QueryHandler
    @ReadsFrom(ProcessingGroups.HISTORY)
    public Optional<ImagePage> handle(ListImagesAsOf query) {
        OffsetDateTime at = Rows.timestamp(query.asOf());
        if (!existed(query.repositoryName(), at)) {
            return Optional.empty();
        }
        long pushed = last(DatabaseRegistryPeriods.lastPushed(DatabaseRegistryPeriods.IMAGES), "pushed_number", query.repositoryName(), at);
        long held = pushed - last(DatabaseRegistryPeriods.lastDeleted(DatabaseRegistryPeriods.IMAGES), "deleted_number", query.repositoryName(), at);
        long periods = last(DatabaseRegistryPeriods.lastPushed(DatabaseRegistryPeriods.IMAGES), "pushed_number", query.repositoryName(),
                Rows.timestamp(ImageCounts.LATEST));
        String after = query.after() == null ? "" : query.after();
        List<Object> arguments = new ArrayList<>(List.of(query.repositoryName(), at, at));
        String status = switch (query.tagStatus()) {
            case ANY -> "";
            case TAGGED -> " and " + IS_TAGGED;
            case UNTAGGED -> " and not " + IS_TAGGED;
        };
        if (query.tagStatus() != TagStatus.ANY) {
            arguments.add(at);
            arguments.add(at);
        }
        String select = "select i.digest, i.media_type, i.size_bytes, i.pushed_at from image_history i where i.repository_name = ? and "
                + OPEN_IMAGE + status;
        RowMapper<ImageSummary> image = (row, number) -> new ImageSummary(row.getString("digest"), List.of(), row.getString("media_type"),
                row.getLong("size_bytes"), Rows.instant(row, "pushed_at"));
        List<ImageSummary> found;
        if (readByPush(pushed, held, periods, query.limit())) {
            // The digest is compared here: a condition on it could lead the database to the digest's index.
            found = jdbc.query(select, image, arguments.toArray()).stream()
                    .filter(candidate -> candidate.digest().compareTo(after) > 0)
                    .sorted(Comparator.comparing(ImageSummary::digest)).limit(query.limit() + 1).toList();
        } else {
            arguments.add(after);
            arguments.add(query.limit() + 1);
            found = jdbc.query(select + " and i.digest > ? order by i.repository_name, i.digest limit ?", image, arguments.toArray());
        }
        List<ImageSummary> page = withTags(query.repositoryName(), found.subList(0, Math.min(found.size(), query.limit())), at, periods);
        return Optional.of(new ImagePage(page, found.size() > query.limit() ? page.get(page.size() - 1).digest() : null));
    }

    /**
     * Which plan reads fewer periods for a page at an instant. In digest order, the walk reads about the
     * page's size times the share of the repository's periods held then, {@code periods / held}. By
     * push, it reads the periods begun by then, {@code pushed}, and sorts the held ones: better at an
     * early instant of a large repository, where a walk in digest order would pass nearly every period.
     */
    static boolean readByPush(long pushed, long held, long periods, int limit) {
        long walked = held == 0 ? periods : Math.min(periods, (limit + 1) * periods / held);
        return pushed <= walked;
    }

    /**
     * The images with the tags that pointed to each of them at the instant, in tag order. The page's
     * digests are read as one range of the digest index when the range is narrow (an in list would be
     * read through every period in H2), and one by one when it is wide: a sparse page, at an early
     * instant, spans most of the repository's digests, and the range would read most of its periods.
     *
     * @param periods the repository's image periods, which the share of the digests a range spans is of
     */
    private List<ImageSummary> withTags(String repositoryName, List<ImageSummary> images, OffsetDateTime at, long periods) {
        if (images.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> tags = new HashMap<>();
        String first = images.get(0).digest();
        String last = images.get(images.size() - 1).digest();
        if (spanned(first, last) * periods <= (double) rowsPerLookup * images.size()) {
            Set<String> digests = images.stream().map(ImageSummary::digest).collect(Collectors.toSet());
            jdbc.query("select t.tag, t.digest from tag_history t where t.repository_name = ? and t.digest >= ? and t.digest <= ? and "
                            + OPEN_TAG + " order by t.tag",
                    row -> {
                        if (digests.contains(row.getString("digest"))) {
                            tags.computeIfAbsent(row.getString("digest"), digest -> new ArrayList<>()).add(row.getString("tag"));
                        }
                    }, repositoryName, first, last, at, at);
        } else {
            for (ImageSummary image : images) {
                tags.put(image.digest(), jdbc.queryForList("select t.tag from tag_history t where t.repository_name = ? and t.digest = ? and "
                        + OPEN_TAG + " order by t.tag", String.class, repositoryName, image.digest(), at, at));
            }
        }
        return images.stream().map(image -> new ImageSummary(image.digest(), tags.getOrDefault(image.digest(), List.of()),
                image.mediaType(), image.sizeBytes(), image.pushedAt())).toList();
    }

    /**
     * The share of all digests that lie between two of one algorithm, from the first 13 hex digits of
     * each (digests are hashes, spread evenly); 1 when either is not hex there.
     */
    static double spanned(String first, String last) {
        try {
            long from = Long.parseLong(first.substring(first.indexOf(':') + 1).substring(0, 13), 16);
            long to = Long.parseLong(last.substring(last.indexOf(':') + 1).substring(0, 13), 16);
            return Math.max(0, to - from) / (double) (1L << 52);
        } catch (RuntimeException notHex) {
            return 1;
        }
    }

    @QueryHandler
    @ReadsFrom(ProcessingGroups.HISTORY)
    public Optional<TagPage> handle(ListTagsAsOf query) {
        OffsetDateTime at = Rows.timestamp(query.asOf());
        if (!existed(query.repositoryName(), at)) {
            return Optional.empty();
        }
        List<TagSummary> found = jdbc.query("select t.tag, t.digest, t.valid_from from tag_history t where t.repository_name = ? and t.tag > ? and "
                        + OPEN_TAG + " order by t.repository_name, t.tag limit ?",
                (row, number) -> new TagSummary(row.getString("tag"), row.getString("digest"), Rows.instant(row, "valid_from")),
                query.repositoryName(), query.after() == null ? "" : query.after(), at, at, query.limit() + 1);
        List<TagSummary> page = found.subList(0, Math.min(found.size(), query.limit()));
        return Optional.of(new TagPage(List.copyOf(page), found.size() > query.limit() ? page.get(page.size() - 1).tag() : null));
    }
}
