package io.tagledger.api.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's report reads every kind of tag change from the entries alone, as {@link LogEntry} makes them
 * from stored rows: pushes and moves, a release, a deletion with the image or the repository, a verdict and a
 * refused attempt, of the watched tags only.
 */
class TagReportTest {

    private final List<JsonNode> entries = new ArrayList<>();

    private void entry(String type, String payload) {
        entries.add(LogEntry.parse(LogEntry.of("event-" + entries.size(), "team/app", entries.size(), "2026-12-03T10:00:0" + entries.size()
                        + "Z", "io.tagledger.domain.event." + type, "1", payload.getBytes(StandardCharsets.UTF_8),
                "{\"principal\":\"alice\",\"api\":\"ecr\",\"sourceAddress\":\"10.0.0.1\"}".getBytes(StandardCharsets.UTF_8))));
    }

    private String report(String... watches) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<TagReport.Watch> parsed = new ArrayList<>();
        for (String watch : watches) {
            parsed.add(TagReport.Watch.parse(watch).orElseThrow());
        }
        new TagReport(parsed).print(entries, new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyChangeOfAWatchedTagIsReportedInTheLogsOrderWithWhetherItEverPointedElsewhere() {
        entry("ImagePushed", "{\"repositoryName\":\"team/app\",\"imageDigest\":\"sha256:a\",\"tag\":\"prod\",\"previousDigest\":null}");
        entry("TagSignatureChecked", "{\"repositoryName\":\"team/app\",\"tag\":\"prod\",\"imageDigest\":\"sha256:b\",\"mode\":\"AUDIT\","
                + "\"verified\":false}");
        entry("ImagePushed", "{\"repositoryName\":\"team/app\",\"imageDigest\":\"sha256:b\",\"tag\":\"prod\",\"previousDigest\":\"sha256:a\"}");
        entry("ImagePushed", "{\"repositoryName\":\"team/other\",\"imageDigest\":\"sha256:c\",\"tag\":\"prod\",\"previousDigest\":null}");
        entry("ImagePushed", "{\"repositoryName\":\"team/app\",\"imageDigest\":\"sha256:c\",\"tag\":\"v1\",\"previousDigest\":null}");
        entry("CommandRefused", "{\"repositoryName\":\"team/app\",\"command\":\"PushImage\",\"errorCode\":\"ImageTagAlreadyExistsException\","
                + "\"tag\":\"v1\",\"digest\":\"sha256:d\"}");
        entry("TagReleased", "{\"repositoryName\":\"team/app\",\"tag\":\"v1\",\"digest\":\"sha256:c\",\"reason\":\"CVE\"}");
        entry("ImageDeleted", "{\"repositoryName\":\"team/app\",\"imageDigest\":\"sha256:b\",\"tags\":[\"prod\"]}");
        entry("RepositoryDeleted", "{\"repositoryName\":\"team/app\",\"force\":true,\"imageCount\":1}");

        String report = report("team/app:*", "team/web:prod");

        assertThat(report).isEqualTo("""
                team/web:prod: no entry in the log
                team/app:prod
                  leaf 0  2026-12-03T10:00:00Z  pushed sha256:a  by alice via ecr
                  leaf 1  2026-12-03T10:00:01Z  signature-checked sha256:b  by alice via ecr  (not verified (AUDIT))
                  leaf 2  2026-12-03T10:00:02Z  moved sha256:a -> sha256:b  by alice via ecr
                  leaf 7  2026-12-03T10:00:07Z  deleted sha256:b  by alice via ecr
                  points nowhere now; MOVED: it has pointed at 2 digests
                team/app:v1
                  leaf 4  2026-12-03T10:00:04Z  pushed sha256:c  by alice via ecr
                  leaf 5  2026-12-03T10:00:05Z  refused sha256:d  by alice via ecr  (ImageTagAlreadyExistsException)
                  leaf 6  2026-12-03T10:00:06Z  released sha256:c  by alice via ecr  (CVE)
                  leaf 8  2026-12-03T10:00:08Z  repository-deleted  by alice via ecr
                  points nowhere now; never pointed elsewhere
                """);
        assertThat(report("team/app:v*")).doesNotContain("prod").contains("team/app:v1\n");
        assertThat(TagReport.Watch.parse("v1")).isEmpty();
        assertThat(TagReport.Watch.parse("team/app:")).isEmpty();
    }
}
