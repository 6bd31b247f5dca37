package io.tagledger.api.registry;

import io.tagledger.api.security.Action;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.transparency.LogCheckpoints;
import io.tagledger.api.transparency.LogStore;
import io.tagledger.api.transparency.MerkleTree;
import io.tagledger.api.transparency.Tiles;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.util.List;

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
