package io.tagledger.api.ledger;

import io.tagledger.api.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged write is on stable storage: the ledger writer forces the H2 file to disk after each
 * batch, and answers nobody in the batch before that returns. Watched at the file itself
 * ({@link SyncSpyFilePath}), not assumed from tagledger's code. H2's file alone: on PostgreSQL the
 * commit is the WAL flush (the suite's PostgreSQL run leaves this class out).
 */
class LedgerSyncTest extends ApiTest {

    private static final Path DATA = createDataDir();

    @DynamicPropertySource
    static void watchedDatabase(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
        SyncSpyFilePath.install();
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + SyncSpyFilePath.SCHEME + ":" + DATA.resolve("tagledger")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_LENGTH_INPLACE_LOB=65536;QUERY_CACHE_SIZE=64");
    }

    @Test
    void aPushIsAnsweredOnlyAfterTheFileIsForcedToDisk() throws Exception {
        String name = newRepositoryName();
        assertThat(createRepository(name, "IMMUTABLE").status()).isEqualTo(201);

        SyncSpyFilePath.Hold hold = SyncSpyFilePath.holdNextWriterSync();
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/repositories/" + name + "/-/manifests/v1"))
                .PUT(HttpRequest.BodyPublishers.ofString(manifest("held"), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            assertThat(hold.awaitEntered(30)).as("the writer forces the file after committing the push").isTrue();
            // The flush is under way and held: however long it takes, the push must not be answered yet.
            TimeUnit.MILLISECONDS.sleep(500);
            assertThat(answer).as("answered before its batch was on disk").isNotDone();
        } finally {
            hold.release();
        }
        assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    }

    @Test
    void oneWriterAtATimeGetsAtLeastOneFlushPerPush() {
        String name = newRepositoryName();
        assertThat(createRepository(name, "MUTABLE").status()).isEqualTo(201);
        int before = SyncSpyFilePath.writerSyncs();
        for (int i = 0; i < 10; i++) {
            assertThat(push(name, "v" + i, manifest("one-by-one-" + i)).status()).isEqualTo(201);
        }
        assertThat(SyncSpyFilePath.writerSyncs() - before).isGreaterThanOrEqualTo(10);
    }
}
