package io.tagledger.bench;

import io.tagledger.api.admin.ProjectionStatus;
import io.tagledger.api.admin.Projections;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.PushImage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.util.List;

/**
 * How fast does a replay rebuild the projections? Fills a store with {@code bench.events} events
 * (default 100,000: pushes into 20 repositories), then replays each projection alone and then all
 * three at once, printing events per second.
 *
 * <p>Not part of the test suite (its name matches no Surefire pattern). Run it with
 * {@code mvn -B -q install -DskipTests && mvn -B -pl api test -Dtest=ReplayBenchmark -Dbench.events=100000}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class ReplayBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 100_000);
    private static final int REPOSITORIES = 20;

    @Autowired
    private CommandGateway commandGateway;

    @Autowired
    private Projections projections;

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("tagledger-replay-bench").toString();
        registry.add("tagledger.data-dir", () -> dir);
    }

    @Test
    void replaysTheProjections() throws Exception {
        long start = System.nanoTime();
        for (int r = 0; r < REPOSITORIES; r++) {
            RepositoryName name = RepositoryName.parse("bench/r" + r);
            commandGateway.sendAndWait(new CreateRepository(name, TagMutability.MUTABLE));
        }
        for (int i = REPOSITORIES; i < EVENTS; i++) {
            RepositoryName name = RepositoryName.parse("bench/r" + (i % REPOSITORIES));
            // The smallest valid manifest, about the size of the one measured before manifests were checked.
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"a/b\","
                    + "\"size\":" + i + ",\"digest\":\"sha256:" + "0".repeat(64) + "\"},\"layers\":[]}";
            String tag = i % 10 == 0 ? "latest" : "build-" + i;
            commandGateway.sendAndWait(new PushImage(name, Manifest.parse(manifest, null), ImageTag.parse(tag), null));
        }
        System.out.printf("%nfilled %d events in %.1f s%n", EVENTS, (System.nanoTime() - start) / 1e9);
        awaitLive(projections.names());
        System.out.printf("%-16s %10s %10s%n", "replayed", "events", "events/s");
        for (String projection : projections.names()) {
            replay(List.of(projection));
        }
        replay(projections.names());
    }

    private void replay(List<String> names) throws InterruptedException {
        long events = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        long start = System.nanoTime();
        names.forEach(projections::replay);
        awaitLive(names);
        double seconds = (System.nanoTime() - start) / 1e9;
        String label = names.size() == 1 ? names.get(0) : "all three";
        System.out.printf("%-16s %10d %10.0f   (reported by the rebuilds: %s)%n", label, events, events / seconds,
                names.stream().map(projections::status).map(ProjectionStatus::eventsPerSecond).toList());
    }

    private void awaitLive(List<String> names) throws InterruptedException {
        while (names.stream().anyMatch(projections::isRebuildingHere)) {
            Thread.sleep(50);
        }
    }
}
