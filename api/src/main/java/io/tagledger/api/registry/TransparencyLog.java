package io.tagledger.api.registry;

import io.tagledger.api.security.Action;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.transparency.LogCheckpoints;
import io.tagledger.api.transparency.LogEntry;
import io.tagledger.api.transparency.LogStore;
import io.tagledger.api.transparency.MerkleTree;
import io.tagledger.api.transparency.TagChanges;
import io.tagledger.api.transparency.Tiles;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transparency log as its readers see it (c2sp.org/tlog-tiles): the latest checkpoint, the verifier key,
 * the hash tiles and the entry bundles. Readable by anyone when {@code tagledger.log.public} says so; else it
 * needs {@code tagledger:ReadLog} on every repository, as the whole trail does.
 */
@Component
public class TransparencyLog {

    private final LogStore store;
    private final LogCheckpoints checkpoints;
    private final Access access;
    private final boolean readableByAnyone;

    TransparencyLog(LogStore store, LogCheckpoints checkpoints, Access access, TagledgerProperties properties) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.access = access;
        this.readableByAnyone = properties.log().readableByAnyone();
    }

    /** The latest checkpoint, signed: one is signed now if none was yet. */
    public String checkpoint() {
        requireRead();
        return checkpoints.latest().or(checkpoints::sign).map(LogCheckpoints.Signed::note)
                .orElseThrow(() -> new IllegalStateException("The log has no checkpoint"));
    }

    public String verifierKey() {
        requireRead();
        return checkpoints.verifierKey() + "\n";
    }

    /** A tile's content, by its path below {@code /log/}; a tile the log does not have (yet) is not found. */
    public byte[] tile(String path) {
        requireRead();
        Tiles.Tile tile = Tiles.parse(path).filter(found -> Tiles.widthIn(found.level(), found.index(), store.size()) >= found.width())
                .orElseThrow(() -> RegistryException.of(Refusal.NO_SUCH_PATH, "path", "/log/" + path));
        long first = tile.index() * Tiles.WIDTH;
        if (tile.isEntries()) {
            return Tiles.entryBundle(store.entries(first, tile.width()));
        }
        List<byte[]> hashes = store.hashes(Tiles.HEIGHT * tile.level(), first, tile.width());
        ByteBuffer content = ByteBuffer.allocate(hashes.size() * MerkleTree.HASH_SIZE);
        hashes.forEach(content::put);
        return content.array();
    }

    /** The audit path of leaf {@code index} in the tree of the log's first {@code size} leaves, with that tree's root. */
    public Proof inclusion(long index, long size) {
        requireRead();
        requireSize("size", size, 1);
        if (index < 0 || index >= size) {
            throw RegistryException.invalidParameter("index", "Member must be a leaf of the tree: from 0 to size - 1 (" + (size - 1) + ")");
        }
        return new Proof(List.of(store.hash(0, index)), MerkleTree.inclusionProof(index, size, store::hash),
                List.of(MerkleTree.root(size, store::hash)));
    }

    /** The proof that the tree of the log's first {@code to} leaves extends the tree of its first {@code from}, with both roots. */
    public Proof consistency(long from, long to) {
        requireRead();
        requireSize("to", to, 1);
        if (from < 1 || from > to) {
            throw RegistryException.invalidParameter("from", "Member must be a tree size from 1 to the other size (" + to + ")");
        }
        return new Proof(List.of(), MerkleTree.consistencyProof(from, to, store::hash),
                List.of(MerkleTree.root(from, store::hash), MerkleTree.root(to, store::hash)));
    }

    /**
     * The entries about a tag in the tree of the log's first {@code size} leaves (the latest checkpoint's
     * when {@code size} is absent, with that checkpoint), each with its audit path to that tree's root.
     */
    public TagProof tagProof(String repositoryName, String tag, Long size) {
        requireRead();
        Optional<LogCheckpoints.Signed> checkpoint = size == null ? checkpoints.latest().or(checkpoints::sign) : Optional.empty();
        long tree = checkpoint.map(LogCheckpoints.Signed::size).orElse(size == null ? 0L : size);
        if (tree == 0 && size == null) {
            return new TagProof(0, MerkleTree.root(0, store::hash), checkpoint.map(LogCheckpoints.Signed::note).orElse(null), List.of());
        }
        requireSize("size", tree, 1);
        List<TagEntry> entries = new ArrayList<>();
        for (LogStore.Indexed leaf : store.entriesAbout(repositoryName, tree)) {
            List<TagChanges.Change> changes = TagChanges.of(LogEntry.parse(leaf.entry())).stream()
                    .filter(change -> change.concerns(repositoryName, tag)).toList();
            if (!changes.isEmpty()) {
                entries.add(new TagEntry(leaf.index(), leaf.entry(), changes, MerkleTree.inclusionProof(leaf.index(), tree, store::hash)));
            }
        }
        return new TagProof(tree, MerkleTree.root(tree, store::hash), checkpoint.map(LogCheckpoints.Signed::note).orElse(null), entries);
    }

    /** The entries about a tag in the tree of {@code size}, its root, and the checkpoint that signs it, if one was asked for. */
    public record TagProof(long size, byte[] root, String checkpoint, List<TagEntry> entries) {
    }

    /** An entry about a tag: its leaf, its bytes, what it says about the tag, and its audit path. */
    public record TagEntry(long index, byte[] entry, List<TagChanges.Change> changes, List<byte[]> proof) {
    }

    /**
     * A proof's hashes, in order, with what it proves about.
     *
     * @param leaves the leaf hashes it concerns; @param roots the roots of the trees it concerns
     */
    public record Proof(List<byte[]> leaves, List<byte[]> path, List<byte[]> roots) {
    }

    private void requireSize(String member, long size, long least) {
        long logSize = store.size();
        if (size < least || size > logSize) {
            throw RegistryException.invalidParameter(member, "Member must be a tree size of the log: from " + least + " to " + logSize);
        }
    }

    private void requireRead() {
        if (!readableByAnyone) {
            access.requireEverywhere(Action.READ_LOG);
        }
    }
}
