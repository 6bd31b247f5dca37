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

    private void requireRead() {
        if (!readableByAnyone) {
            access.requireEverywhere(Action.READ_LOG);
        }
    }
}
