package io.tagledger.bench;

import io.tagledger.api.registry.RegistryCommands;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.DeleteImage;
import io.tagledger.domain.command.PushImage;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Does a long history slow a push? Pushes {@code bench.pushes} manifests (default 100,000) into one
 * repository through the same path as the APIs (command, then read-your-writes), printing the rate
 * per window, then the time of a push that must load the aggregate cold (cache emptied).
 *
 * <p>With {@code bench.keep=N}, each push is followed by the deletion of the image pushed N pushes
 * before, as a lifecycle policy keeping the last N images would: the history grows, the repository
 * does not. Without it, every image stays, and the repository grows with its history.
 *
 * <p>Not part of the test suite (its name matches no Surefire pattern). Run it with
 * {@code mvn -B -q install -DskipTests && mvn -B -pl api test -Dtest=PushBenchmark -Dbench.pushes=100000};
 * add {@code -Dbench.keep=1000} for the lifecycle, {@code -Dtagledger.snapshot-threshold=1000000000}
 * to see it without snapshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class PushBenchmark {

    private static final int PUSHES = Integer.getInteger("bench.pushes", 100_000);
    private static final int WINDOW = Math.max(1, PUSHES / 10);
    private static final int KEEP = Integer.getInteger("bench.keep", 0);

    @Autowired
    private RegistryCommands commands;

    @Autowired
    private Cache imageRepositoryCache;

    private static String dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        dataDir = Files.createTempDirectory("tagledger-bench").toString();
        registry.add("tagledger.data-dir", () -> dataDir);
    }

    private static long megabytesOnDisk() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(dataDir))) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum() / (1024 * 1024);
        }
    }

    @Test
    void pushesIntoOneRepository() throws IOException {
        RepositoryName name = RepositoryName.parse("bench/app");
        commands.send(name, new CreateRepository(name, TagMutability.MUTABLE));
        System.out.printf("%n%s%n%10s %12s %12s%n", KEEP > 0 ? "each push followed by a delete, keeping " + KEEP + " images"
                : "every image kept", "pushes", "pushes/s", "MB on disk");
        long windowStart = System.nanoTime();
        for (int i = 1; i <= PUSHES; i++) {
            push(name, i);
            if (i % WINDOW == 0) {
                long now = System.nanoTime();
                System.out.printf("%10d %12.0f %12d%n", i, WINDOW / ((now - windowStart) / 1e9), megabytesOnDisk());
                windowStart = now;
            }
        }
        for (int round = 1; round <= 3; round++) {
            imageRepositoryCache.removeAll();
            long start = System.nanoTime();
            push(name, PUSHES + round);
            System.out.printf("push after emptying the cache (after %d pushes): %.1f ms%n",
                    PUSHES + round - 1, (System.nanoTime() - start) / 1e6);
        }
    }

    private void push(RepositoryName name, int i) {
        // Every tenth push moves "latest"; the others add a new tag, as a CI pipeline would.
        String tag = i % 10 == 0 ? "latest" : "build-" + i;
        commands.send(name, new PushImage(name, manifest(i), ImageTag.parse(tag), null));
        if (KEEP > 0 && i > KEEP) {
            commands.send(name, new DeleteImage(name, manifest(i - KEEP).digest()));
        }
    }

    private static Manifest manifest(int i) {
        return Manifest.parse(io.tagledger.api.ApiTest.manifest("push-" + i), null);
    }
}
