package io.tagledger.api;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * Where a test context keeps its data. Always a data directory of its own (blobs, keys, and the H2
 * file); in the suite's PostgreSQL run, also a PostgreSQL database of its own on the server that
 * {@code .ci/run} started, named after that directory, so that contexts sharing a directory share a
 * database as they share an H2 file.
 *
 * <p>The PostgreSQL run is Maven's {@code postgres} profile: it sets {@code test.postgres.url}
 * to the server's JDBC URL without a database, and activates the service's {@code postgres} profile.
 */
public final class TestDatabases {

    private static final String POSTGRES = System.getProperty("test.postgres.url", "");
    private static final String USER = System.getProperty("test.postgres.user", "postgres");
    /** PostgreSQL's code for "database already exists". */
    private static final String DUPLICATE_DATABASE = "42P04";

    /**
     * The registries of contexts that have a database of their own. Spring calls a test class's own
     * {@code @DynamicPropertySource} before its superclass's, with one registry per context: the
     * superclass's shared database must not then take the place of the class's own.
     */
    private static final Set<DynamicPropertyRegistry> OWN = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private TestDatabases() {
    }

    /** The database that test classes share, unless the context has its own. */
    public static void useShared(Path dataDir, DynamicPropertyRegistry registry) {
        if (!OWN.contains(registry)) {
            use(dataDir, registry);
        }
    }

    public static void useOwn(Path dataDir, DynamicPropertyRegistry registry) {
        OWN.add(registry);
        use(dataDir, registry);
    }

    public static boolean postgres() {
        return !POSTGRES.isBlank();
    }

    private static void use(Path dataDir, DynamicPropertyRegistry registry) {
        registry.add("tagledger.data-dir", dataDir::toString);
        if (postgres()) {
            String url = POSTGRES + createDatabase("tl_" + dataDir.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\W", "_"));
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> USER);
            // Contexts on one database are nodes of one registry: they forward commands to each other.
            registry.add("tagledger.nodes.secret", () -> "test-nodes-secret-of-some-length");
            // And they sign the transparency log's checkpoints with one key.
            registry.add("tagledger.log.key-file", () -> dataDir.resolve("log-key.pem").toString());
            // Spring keeps each test context, and its pool, open for the rest of the run: a context holds
            // a few connections while idle, not the 40 it may use under load, and few contexts are kept.
            registry.add("spring.datasource.hikari.minimum-idle", () -> "2");
            registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        }
    }

    /** Creates a database on the test server, unless a context using the same data directory has already. */
    public static String createDatabase(String name) {
        return createDatabase(POSTGRES, name);
    }

    /** @param server a JDBC URL without a database, such as {@code jdbc:postgresql://127.0.0.1:55432/} */
    public static String createDatabase(String server, String name) {
        try (Connection connection = DriverManager.getConnection(server + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot create database " + name + " on " + server, e);
            }
        }
        return name;
    }
}
