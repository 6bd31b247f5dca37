import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger writer's spike (issue 19): how many pushes per second one committer thread gets from an
 * embedded H2 file when it commits the rows of many pushes in one transaction and syncs once per
 * batch. Each push writes what a push writes in tagledger: its event, the image and tag view rows,
 * an audit entry and a tag history entry. No HTTP, no Axon: the storage's own ceiling.
 *
 *   java -cp "$(ls ~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar)" bench/LedgerSpike.java
 */
public class LedgerSpike {

    private static final int WRITERS = 16;
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":7023,\"digest\":\"sha256:%064x\"},\"layers\":[]}";

    record Push(long n, CompletableFuture<Void> done) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getProperty("seconds", "5"));
        System.out.println("| batch cap | pushes/s | syncs/s | pushes per sync | file MB |");
        System.out.println("|---|---|---|---|---|");
        for (int cap : new int[]{1, 16, 64, 256}) {
            Path dir = Files.createTempDirectory("spike");
            try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir + "/spike;WRITE_DELAY=0;MAX_LENGTH_INPLACE_LOB=65536", "sa", "")) {
                schema(connection);
                run(connection, cap, seconds, dir);
            }
        }
    }

    private static void run(Connection connection, int cap, int seconds, Path dir) throws Exception {
        BlockingQueue<Push> queue = new ArrayBlockingQueue<>(4096);
        AtomicLong pushes = new AtomicLong();
        AtomicLong syncs = new AtomicLong();
        AtomicLong counter = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            Thread writer = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    Push push = new Push(counter.incrementAndGet(), new CompletableFuture<>());
                    try {
                        queue.put(push);
                        push.done().get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        Thread committer = new Thread(() -> {
            List<Push> batch = new ArrayList<>();
            try (PreparedStatement event = connection.prepareStatement("insert into domain_event_entry (global_index, sequence_number, aggregate_identifier, event_identifier, payload_type, time_stamp, type, meta_data, payload) values (next value for domain_event_entry_seq, ?, ?, ?, 'io.tagledger.domain.event.ImagePushed', ?, 'ImageRepository', ?, ?)", new String[]{"GLOBAL_INDEX"});
                 PreparedStatement image = connection.prepareStatement("insert into image_view (pushed_at, size_bytes, digest, media_type, repository_name, manifest) values (?, ?, ?, ?, ?, ?)");
                 PreparedStatement tag = connection.prepareStatement("merge into tag_view (repository_name, tag, digest, pushed_at) key (repository_name, tag) values (?, ?, ?, ?)");
                 PreparedStatement audit = connection.prepareStatement("insert into audit_trail (position, sequence_number, timestamp, outcome, type, principal, repository_name, payload) values (?, ?, ?, 'accepted', 'ImagePushed', 'anonymous', ?, ?)");
                 PreparedStatement history = connection.prepareStatement("insert into tag_history (valid_from, opened_by, digest, tag, moved_by, repository_name) values (?, ?, ?, ?, 'anonymous', ?)");
                 Statement sync = connection.createStatement()) {
                connection.setAutoCommit(false);
                while (System.nanoTime() < deadline || !queue.isEmpty()) {
                    Push first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, cap - 1);
                    Timestamp now = Timestamp.from(Instant.now());
                    for (Push push : batch) {
                        String repository = "bench/r" + push.n() % 16;
                        String manifest = MANIFEST.formatted(push.n());
                        String digest = "sha256:%064x".formatted(push.n() * 31);
                        event.setLong(1, push.n());
                        event.setString(2, repository);
                        event.setString(3, UUID.randomUUID().toString());
                        event.setString(4, now.toInstant().toString());
                        event.setBytes(5, "{\"principal\":\"anonymous\",\"api\":\"ecr\"}".getBytes());
                        event.setBytes(6, manifest.getBytes());
                        event.executeUpdate();
                        long position;
                        try (var keys = event.getGeneratedKeys()) {
                            keys.next();
                            position = keys.getLong(1);
                        }
                        image.setTimestamp(1, now);
                        image.setLong(2, manifest.length());
                        image.setString(3, digest);
                        image.setString(4, "application/vnd.oci.image.manifest.v1+json");
                        image.setString(5, repository);
                        image.setString(6, manifest);
                        image.executeUpdate();
                        tag.setString(1, repository);
                        tag.setString(2, "t" + push.n());
                        tag.setString(3, digest);
                        tag.setTimestamp(4, now);
                        tag.executeUpdate();
                        audit.setLong(1, position);
                        audit.setLong(2, push.n());
                        audit.setTimestamp(3, now);
                        audit.setString(4, repository);
                        audit.setString(5, manifest);
                        audit.executeUpdate();
                        history.setTimestamp(1, now);
                        history.setString(2, UUID.randomUUID().toString());
                        history.setString(3, digest);
                        history.setString(4, "t" + push.n());
                        history.setString(5, repository);
                        history.executeUpdate();
                    }
                    connection.commit();
                    if (!Boolean.getBoolean("nosync")) {
                        sync.execute("CHECKPOINT SYNC");
                    }
                    syncs.incrementAndGet();
                    pushes.addAndGet(batch.size());
                    batch.forEach(push -> push.done().complete(null));
                    batch.clear();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        committer.start();
        for (Thread writer : writers) {
            writer.join();
        }
        committer.join();
        long bytes = Files.size(dir.resolve("spike.mv.db"));
        System.out.printf("| %d | %d | %d | %.1f | %.1f |%n", cap, pushes.get() / seconds, syncs.get() / seconds,
                (double) pushes.get() / Math.max(1, syncs.get()), bytes / 1048576.0);
    }

    private static void schema(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create sequence domain_event_entry_seq start with 1 increment by 1");
            statement.execute("create table domain_event_entry (global_index bigint primary key, sequence_number bigint not null, aggregate_identifier varchar(256) not null, event_identifier varchar(255) not null unique, payload_revision varchar(255), payload_type varchar(255) not null, time_stamp varchar(255) not null, type varchar(255), meta_data blob, payload blob not null, unique (aggregate_identifier, sequence_number))");
            statement.execute("create table image_view (pushed_at timestamp(6) with time zone not null, size_bytes bigint not null, digest varchar(71) not null, subject varchar(71), media_type varchar(128) not null, repository_name varchar(256) not null, manifest clob not null, primary key (repository_name, digest))");
            statement.execute("create table tag_view (repository_name varchar(256) not null, tag varchar(128) not null, digest varchar(71) not null, pushed_at timestamp(6) with time zone not null, primary key (repository_name, tag))");
            statement.execute("create table audit_trail (position bigint primary key, sequence_number bigint, timestamp timestamp(6) with time zone not null, api varchar(16), outcome varchar(16) not null, type varchar(64) not null, principal varchar(256) not null, repository_name varchar(256) not null, payload clob not null)");
            statement.execute("create index audit_trail_repository on audit_trail (repository_name, position)");
            statement.execute("create index audit_trail_principal on audit_trail (principal, position)");
            statement.execute("create table tag_history (id bigint generated by default as identity primary key, valid_from timestamp(6) with time zone not null, valid_to timestamp(6) with time zone, opened_by varchar(64), digest varchar(71) not null, tag varchar(128) not null, moved_by varchar(256) not null, repository_name varchar(256) not null)");
            statement.execute("create index tag_history_tag on tag_history (repository_name, tag, valid_to)");
        }
    }
}
