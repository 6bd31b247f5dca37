package io.tagledger.api.transparency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree, the checkpoints and the tiles as tagledger writes them, checked by Go's own transparency-log
 * packages (the verifier in {@code src/test/go/tlogverify}) and by tagledger's monitor, from a directory laid
 * out as c2sp.org/tlog-tiles lays out a log's URLs: what a client written by others accepts, and what it
 * refuses.
 */
class GoTlogTest {

    private static final String ORIGIN = "tagledger.test/log";
    private static final NoteKey KEY = NoteKey.generate(ORIGIN);

    @TempDir
    Path dir;

    private static List<byte[]> entries(int count, int changed) {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(("{\"entry\":" + i + (i == changed ? ",\"forked\":true" : "") + "}").getBytes(StandardCharsets.UTF_8));
        }
        return entries;
    }

    /** Writes the log of the first {@code size} entries as its URLs would serve it, signed by {@code key}. */
    private static void write(Path dir, List<byte[]> entries, int size, NoteKey key) throws IOException {
        MemoryTree tree = new MemoryTree();
        entries.subList(0, size).forEach(entry -> tree.append(MerkleTree.leafHash(entry)));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("checkpoint"), key.sign(new Checkpoint(ORIGIN, size, tree.root()).text()));
        for (int level = -1; level < 8 && Tiles.widthIn(level, 0, size) > 0; level++) {
            for (long index = 0; Tiles.widthIn(level, index, size) > 0; index++) {
                Tiles.Tile tile = new Tiles.Tile(level, index, Tiles.widthIn(level, index, size));
                byte[] content = tile.isEntries()
                        ? Tiles.entryBundle(entries.subList((int) index * Tiles.WIDTH, (int) index * Tiles.WIDTH + tile.width()))
                        : Tiles.hashTile(tile, tree);
                Path file = dir.resolve(tile.path());
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            }
        }
    }

    @Test
    void goVerifiesTheCheckpointTheInclusionOfRecordsAndTheConsistencyWithAnOlderCheckpoint() throws Exception {
        List<byte[]> entries = entries(70_000, -1);
        write(dir.resolve("then"), entries, 300, KEY);
        write(dir.resolve("now"), entries, 70_000, KEY);

        GoVerifier.Outcome outcome = GoVerifier.run("-log", dir.resolve("now").toString(), "-key", KEY.verifierKey(),
                "-old", dir.resolve("then/checkpoint").toString(), "-records", "0,255,256,299,65536,69999");

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("checkpoint " + ORIGIN + " 70000 ", "consistent with 300 ",
                "record 0 included: {\"entry\":0}", "record 65536 included: {\"entry\":65536}", "record 69999 included");
    }

    @Test
    void goRefusesAForkAnEntryThatIsNotTheLeafAndACheckpointSignedByAnotherKey() throws Exception {
        write(dir.resolve("then"), entries(1000, -1), 300, KEY);
        write(dir.resolve("fork"), entries(1000, 100), 1000, KEY);
        GoVerifier.Outcome fork = GoVerifier.run("-log", dir.resolve("fork").toString(), "-key", KEY.verifierKey(),
                "-old", dir.resolve("then/checkpoint").toString());
        assertThat(fork.exitCode()).as(fork.output()).isEqualTo(1);
        assertThat(fork.output()).contains("not consistent with the checkpoint of size 300");

        write(dir.resolve("now"), entries(1000, -1), 1000, KEY);
        Path bundle = dir.resolve("now").resolve(new Tiles.Tile(-1, 0, 256).path());
        Files.write(bundle, Tiles.entryBundle(entries(256, 7)));
        GoVerifier.Outcome changed = GoVerifier.run("-log", dir.resolve("now").toString(), "-key", KEY.verifierKey(), "-records", "6,7");
        assertThat(changed.exitCode()).as(changed.output()).isEqualTo(1);
        assertThat(changed.output()).contains("record 6 included", "record 7 is not in the log");

        NoteKey impostor = NoteKey.generate(ORIGIN);
        write(dir.resolve("impostor"), entries(1000, -1), 1000, impostor);
        GoVerifier.Outcome unsigned = GoVerifier.run("-log", dir.resolve("impostor").toString(), "-key", KEY.verifierKey());
        assertThat(unsigned.exitCode()).as(unsigned.output()).isEqualTo(1);
        assertThat(unsigned.output()).contains("checkpoint signature");
    }

    @Test
    void theMonitorRebuildsTheTreeOfEveryEntryAndRefusesWhatGoRefusesAndMore() throws Exception {
        List<byte[]> entries = entries(70_000, -1);
        write(dir.resolve("then"), entries, 300, KEY);
        write(dir.resolve("now"), entries, 70_000, KEY);
        Path state = Files.copy(dir.resolve("then/checkpoint"), dir.resolve("state"));
        MonitorRun verified = monitor(dir.resolve("now"), state);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("checkpoint: " + ORIGIN + ", 70000 entries", "consistent with the checkpoint verified "
                + "before (300 entries)", "tree rebuilt from 70000 entries: its root and every hash tile match");
        assertThat(Files.readString(state)).isEqualTo(Files.readString(dir.resolve("now/checkpoint")));

        MonitorRun rolledBack = monitor(dir.resolve("then"), state);
        assertThat(rolledBack.exitCode()).isEqualTo(LogMonitor.TAMPERED);
        assertThat(rolledBack.output()).contains("TAMPERED: the log has 300 entries, fewer than the 70000 of the checkpoint verified "
                + "before: it was rolled back");

        List<byte[]> small = entries(1000, -1);
        write(dir.resolve("fork"), entries(1000, 100), 1000, KEY);
        Path seen = Files.copy(dir.resolve("then/checkpoint"), dir.resolve("seen"));
        assertThat(monitor(dir.resolve("fork"), seen).output()).contains("TAMPERED: the first 300 entries are not those of the checkpoint "
                + "verified before");
        assertThat(Files.readString(seen)).as("a failed run keeps the checkpoint it had").isEqualTo(Files.readString(dir.resolve("then/checkpoint")));

        write(dir.resolve("changed"), small, 1000, KEY);
        Files.write(dir.resolve("changed").resolve(new Tiles.Tile(-1, 0, 256).path()), Tiles.entryBundle(entries(256, 7)));
        MonitorRun changed = monitor(dir.resolve("changed"), dir.resolve("none"));
        assertThat(changed.exitCode()).isEqualTo(LogMonitor.TAMPERED);
        assertThat(changed.output()).contains("TAMPERED: entry 7 does not hash to the log's leaf 7").doesNotContain("entry 6 ");

        write(dir.resolve("removed"), small, 1000, KEY);
        List<byte[]> shorter = new ArrayList<>(small.subList(256, 512));
        shorter.remove(10);
        Files.write(dir.resolve("removed").resolve(new Tiles.Tile(-1, 1, 256).path()), Tiles.entryBundle(shorter));
        assertThat(monitor(dir.resolve("removed"), dir.resolve("none")).output())
                .contains("TAMPERED: tile/entries/001 holds 255 entries where the checkpoint has 256");

        write(dir.resolve("hashes"), small, 1000, KEY);
        Files.write(dir.resolve("hashes").resolve("tile/1/000.p/3"), new byte[3 * MerkleTree.HASH_SIZE]);
        assertThat(monitor(dir.resolve("hashes"), dir.resolve("none")).output())
                .contains("TAMPERED: tile/1/000.p/3 is not the tree its entries make");

        NoteKey impostor = NoteKey.generate(ORIGIN);
        write(dir.resolve("impostor"), small, 1000, impostor);
        assertThat(monitor(dir.resolve("impostor"), dir.resolve("none")).output())
                .contains("TAMPERED: the checkpoint is not signed by the verifier key " + ORIGIN);
        assertThat(Files.exists(dir.resolve("none"))).as("no failed run keeps a checkpoint").isFalse();
    }

    private static MonitorRun monitor(Path log, Path state) {
        return MonitorRun.of("--log", log.toString(), "--key", KEY.verifierKey(), "--state", state.toString());
    }

    @Test
    void javaReadsTheNotesItSignsAndGoWouldAcceptAndRefusesOthers() {
        String note = KEY.sign(new Checkpoint(ORIGIN, 5, MerkleTree.leafHash(new byte[0])).text());
        SignedNote verifier = SignedNote.verifier(KEY.verifierKey());
        assertThat(verifier.open(note)).hasValueSatisfying(text -> assertThat(Checkpoint.parse(text).size()).isEqualTo(5));
        assertThat(verifier.open(note.replace("\n5\n", "\n6\n"))).isEmpty();
        assertThat(verifier.open(NoteKey.generate(ORIGIN).sign("other\n"))).isEmpty();
        assertThat(KEY.verifierKey()).matches(ORIGIN.replace(".", "\\.") + "\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}");
    }
}
