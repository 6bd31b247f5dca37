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
 * packages (the verifier in {@code src/test/go/tlogverify}), from a directory laid out as c2sp.org/tlog-tiles
 * lays out a log's URLs: what a client written by others accepts, and what it refuses.
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
    void javaReadsTheNotesItSignsAndGoWouldAcceptAndRefusesOthers() {
        String note = KEY.sign(new Checkpoint(ORIGIN, 5, MerkleTree.leafHash(new byte[0])).text());
        SignedNote verifier = SignedNote.verifier(KEY.verifierKey());
        assertThat(verifier.open(note)).hasValueSatisfying(text -> assertThat(Checkpoint.parse(text).size()).isEqualTo(5));
        assertThat(verifier.open(note.replace("\n5\n", "\n6\n"))).isEmpty();
        assertThat(verifier.open(NoteKey.generate(ORIGIN).sign("other\n"))).isEmpty();
        assertThat(KEY.verifierKey()).matches(ORIGIN.replace(".", "\\.") + "\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}");
    }
}
