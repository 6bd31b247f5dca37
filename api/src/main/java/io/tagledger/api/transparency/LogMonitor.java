package io.tagledger.api.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar tagledger.jar monitor}: checks a tagledger log (over HTTP, or mirrored to a directory as
 * c2sp.org/tlog-tiles lays it out) trusting nothing but its verifier key, as a
 * security team runs it from cron. It verifies the latest checkpoint's signature; downloads every entry bundle
 * and rebuilds the tree from the entries; requires the checkpoint's root and every hash tile the log serves to
 * be the rebuilt tree's; requires the tree to extend the checkpoint it verified last time (kept in its state
 * file), or history was rewritten; and reports every change of the tags it watches.
 *
 * <p>Exit status: 0 when the log verifies, 1 when it does not (what failed is printed), 2 when it could not be
 * checked (usage, network, an answer other than a tile).
 */
public final class LogMonitor {

    static final int VERIFIED = 0;
    static final int TAMPERED = 1;
    static final int UNCHECKED = 2;
    private static final String USAGE = """
            usage: java -jar tagledger.jar monitor --log URL --key VERIFIER_KEY [--state FILE] [--watch REPOSITORY:TAG]...
              --log    the log's address, e.g. http://registry:8080/log, or a directory that mirrors it
              --key    the log's verifier key (GET /log/verifier-key once, and keep it), or @FILE holding it
              --state  where the last verified checkpoint is kept between runs; the log must extend it
              --watch  a tag to report, e.g. team/app:v1.4.2; the tag may have * wildcards (team/app:v1.*)
            A log that is not public needs a caller with tagledger:ReadLog: an access key in TAGLEDGER_LOG_CREDENTIALS
            (KEY_ID:SECRET, sent as HTTP Basic), or an API token in TAGLEDGER_LOG_TOKEN.""";

    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> problems = new ArrayList<>();
    private String base;
    private String authorization;

    private LogMonitor(PrintStream out) {
        this.out = out;
    }

    /** What went wrong talking to the log, or with the arguments: the log is unchecked, not found wanting. */
    private static final class Unchecked extends Exception {
        Unchecked(String message) {
            super(message);
        }
    }

    /** Runs the monitor with its command line, printing to {@code out}. @return the exit status */
    public static int run(String[] arguments, PrintStream out, Map<String, String> environment) {
        LogMonitor monitor = new LogMonitor(out);
        try {
            return monitor.check(arguments, environment);
        } catch (Unchecked unchecked) {
            out.println("UNCHECKED: " + unchecked.getMessage());
            return UNCHECKED;
        } catch (RuntimeException unreadable) {
            // A checkpoint or file the monitor cannot read: it could not check, and says what it met.
            out.println("UNCHECKED: " + unreadable);
            return UNCHECKED;
        }
    }

    private int check(String[] arguments, Map<String, String> environment) throws Unchecked {
        Map<String, List<String>> options = options(arguments);
        base = single(options, "--log").replaceAll("/+$", "");
        authorization = authorization(environment);
        String keyText = single(options, "--key");
        Optional<Path> state = options.containsKey("--state") ? Optional.of(Path.of(single(options, "--state"))) : Optional.empty();
        List<TagReport.Watch> watches = new ArrayList<>();
        for (String watch : options.getOrDefault("--watch", List.of())) {
            watches.add(TagReport.Watch.parse(watch)
                    .orElseThrow(() -> new Unchecked("--watch takes REPOSITORY:TAG, not " + watch + "\n" + USAGE)));
        }
        SignedNote verifier;
        try {
            verifier = SignedNote.verifier(keyText.startsWith("@") ? Files.readString(Path.of(keyText.substring(1))) : keyText);
        } catch (IOException | IllegalArgumentException unreadable) {
            throw new Unchecked("the verifier key: " + unreadable.getMessage());
        }

        Optional<Checkpoint> seen = previous(state, verifier);
        String note = new String(fetch("checkpoint", false).orElseThrow(), StandardCharsets.UTF_8);
        Optional<Checkpoint> opened = verifier.open(note).map(Checkpoint::parse);
        if (opened.isEmpty()) {
            return fail("the checkpoint is not signed by the verifier key " + keyText.split("\\+")[0]);
        }
        Checkpoint latest = opened.get();
        out.printf("checkpoint: %s, %d entries, root %s, signed by the verifier key%n", latest.origin(), latest.size(),
                Base64.getEncoder().encodeToString(latest.root()));
        if (seen.isPresent() && latest.size() < seen.get().size()) {
            return fail("the log has " + latest.size() + " entries, fewer than the " + seen.get().size()
                    + " of the checkpoint verified before: it was rolled back");
        }

        List<JsonNode> entries = new ArrayList<>();
        MemoryTree tree = rebuild(latest.size(), entries);
        if (tree != null) {
            boolean signed = Arrays.equals(tree.root(), latest.root());
            if (!signed) {
                problems.add("the entries do not make the checkpoint's root: the log's entries are not those it signed");
            }
            compareHashTiles(tree, latest.size());
            if (!signed) {
                out.println("consistency with the checkpoint verified before is not checked: the entries are not the signed tree's");
            } else if (seen.isPresent()) {
                byte[] then = MerkleTree.root(seen.get().size(), tree);
                if (!Arrays.equals(then, seen.get().root())) {
                    problems.add("the first " + seen.get().size() + " entries are not those of the checkpoint verified before: "
                            + "the log was rolled back and grown differently (a fork), its history rewritten");
                } else {
                    out.printf("consistent with the checkpoint verified before (%d entries)%n", seen.get().size());
                }
            } else {
                out.println("no checkpoint verified before: this one is trusted from now on");
            }
        } else {
            out.println("consistency with the checkpoint verified before is not checked: entries are missing");
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> out.println("TAMPERED: " + problem));
            return TAMPERED;
        }
        out.printf("tree rebuilt from %d entries: its root and every hash tile match%n", latest.size());
        new TagReport(watches).print(entries, out);
        if (state.isPresent()) {
            keep(state.get(), note);
        }
        out.println("OK");
        return VERIFIED;
    }

    private int fail(String problem) {
        out.println("TAMPERED: " + problem);
        return TAMPERED;
    }

    /** The checkpoint verified last time, if the state file has one; it must verify still. */
    private Optional<Checkpoint> previous(Optional<Path> state, SignedNote verifier) throws Unchecked {
        if (state.isEmpty() || !Files.exists(state.get())) {
            return Optional.empty();
        }
        try {
            String note = Files.readString(state.get());
            return Optional.of(verifier.open(note).map(Checkpoint::parse)
                    .orElseThrow(() -> new Unchecked("the state file " + state.get() + " holds no checkpoint of this verifier key")));
        } catch (IOException unreadable) {
            throw new Unchecked("the state file " + state.get() + ": " + unreadable.getMessage());
        }
    }

    private static void keep(Path state, String note) throws Unchecked {
        try {
            Path written = state.resolveSibling(state.getFileName() + ".new");
            Files.writeString(written, note);
            Files.move(written, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException unwritable) {
            throw new Unchecked("the state file " + state + ": " + unwritable.getMessage());
        }
    }

    /**
     * Downloads every entry bundle of a tree of {@code size}, compares each entry's leaf hash with the log's
     * leaf hash tile, and appends them to a tree. @return the tree, or {@code null} when entries are missing
     */
    private MemoryTree rebuild(long size, List<JsonNode> parsed) throws Unchecked {
        MemoryTree tree = new MemoryTree();
        boolean whole = true;
        for (long index = 0; index * Tiles.WIDTH < size; index++) {
            Tiles.Tile bundleTile = new Tiles.Tile(-1, index, Tiles.widthIn(-1, index, size));
            Optional<byte[]> bundle = fetch(bundleTile.path(), true);
            List<byte[]> entries;
            try {
                entries = bundle.map(Tiles::entries).orElse(List.of());
            } catch (IllegalArgumentException cut) {
                problems.add(bundleTile.path() + ": " + cut.getMessage());
                whole = false;
                continue;
            }
            if (entries.size() != bundleTile.width()) {
                problems.add(bundleTile.path() + " holds " + entries.size() + " entries where the checkpoint has " + bundleTile.width()
                        + ": entries of leaves " + index * Tiles.WIDTH + " to " + (index * Tiles.WIDTH + bundleTile.width() - 1)
                        + " were removed");
                whole = false;
                continue;
            }
            Tiles.Tile leafTile = new Tiles.Tile(0, index, bundleTile.width());
            byte[] leaves = fetch(leafTile.path(), true).orElse(new byte[0]);
            for (int i = 0; i < entries.size(); i++) {
                long leaf = index * Tiles.WIDTH + i;
                byte[] hash = MerkleTree.leafHash(entries.get(i));
                byte[] logs = leaves.length >= (i + 1) * MerkleTree.HASH_SIZE
                        ? Arrays.copyOfRange(leaves, i * MerkleTree.HASH_SIZE, (i + 1) * MerkleTree.HASH_SIZE) : null;
                if (!Arrays.equals(hash, logs)) {
                    problems.add("entry " + leaf + " does not hash to the log's leaf " + leaf + ": it was changed after it was logged ("
                            + describe(entries.get(i)) + ")");
                }
                if (whole) {
                    tree.append(hash);
                    parsed.add(parse(entries.get(i)));
                }
            }
        }
        return whole ? tree : null;
    }

    /** Every hash tile above the leaves must be the rebuilt tree's. */
    private void compareHashTiles(MemoryTree tree, long size) throws Unchecked {
        for (int level = 1; (size >>> (Tiles.HEIGHT * level)) > 0; level++) {
            for (long index = 0; Tiles.widthIn(level, index, size) > 0; index++) {
                Tiles.Tile tile = new Tiles.Tile(level, index, Tiles.widthIn(level, index, size));
                Optional<byte[]> served = fetch(tile.path(), true);
                if (served.isPresent() && !Arrays.equals(served.get(), Tiles.hashTile(tile, tree))) {
                    problems.add(tile.path() + " is not the tree its entries make");
                }
            }
        }
    }

    private static JsonNode parse(byte[] entry) {
        try {
            return LogEntry.parse(entry);
        } catch (IllegalArgumentException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static String describe(byte[] entry) {
        JsonNode parsed = parse(entry);
        String type = parsed.path("type").asText("?");
        return type.substring(type.lastIndexOf('.') + 1) + " of " + parsed.path("time").asText("?");
    }

    /**
     * A file of the log. @param tile whether it is a tile the checkpoint implies: one the log does not have is
     * then a finding (empty), not an unchecked run
     */
    private Optional<byte[]> fetch(String path, boolean tile) throws Unchecked {
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            return read(Path.of(base).resolve(path), tile);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + path)).timeout(Duration.ofSeconds(60)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException unreachable) {
            throw new Unchecked("GET " + base + "/" + path + ": " + unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unchecked("interrupted");
        }
        if (response.statusCode() == 200) {
            return Optional.of(response.body());
        }
        if (tile && response.statusCode() == 404) {
            problems.add(path + " is not served, though the checkpoint names its entries");
            return Optional.empty();
        }
        throw new Unchecked("GET " + base + "/" + path + " answered " + response.statusCode() + ": "
                + new String(response.body(), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
    }

    /** A file of a log mirrored to a directory, laid out as its URLs are. */
    private Optional<byte[]> read(Path file, boolean tile) throws Unchecked {
        if (tile && !Files.exists(file)) {
            problems.add(file + " is missing, though the checkpoint names its entries");
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException unreadable) {
            throw new Unchecked(file + ": " + unreadable);
        }
    }

    private static String authorization(Map<String, String> environment) {
        String credentials = environment.get("TAGLEDGER_LOG_CREDENTIALS");
        if (credentials != null && !credentials.isBlank()) {
            return "Basic " + Base64.getEncoder().encodeToString(credentials.strip().getBytes(StandardCharsets.UTF_8));
        }
        String token = environment.get("TAGLEDGER_LOG_TOKEN");
        return token == null || token.isBlank() ? null : "Bearer " + token.strip();
    }

    private static Map<String, List<String>> options(String[] arguments) throws Unchecked {
        Set<String> known = Set.of("--log", "--key", "--state", "--watch");
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < arguments.length; i++) {
            String name = arguments[i];
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < arguments.length) {
                value = arguments[++i];
            } else {
                throw new Unchecked(name + " needs a value\n" + USAGE);
            }
            if (!known.contains(name)) {
                throw new Unchecked("unknown option " + name + "\n" + USAGE);
            }
            options.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return options;
    }

    private static String single(Map<String, List<String>> options, String name) throws Unchecked {
        List<String> values = options.get(name);
        if (values == null || values.size() != 1 || values.get(0).isBlank()) {
            throw new Unchecked(name + " is required, once\n" + USAGE);
        }
        return values.get(0);
    }
}
