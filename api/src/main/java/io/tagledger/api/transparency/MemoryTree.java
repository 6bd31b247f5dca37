package io.tagledger.api.transparency;

import java.util.ArrayList;
import java.util.List;

/** A Merkle tree grown leaf by leaf in memory, every complete subtree kept: what a monitor rebuilds from a log's entries. */
public final class MemoryTree implements MerkleTree.Subtrees {

    private final List<List<byte[]>> levels = new ArrayList<>();
    private long size;

    public long size() {
        return size;
    }

    public void append(byte[] leafHash) {
        for (MerkleTree.Node node : MerkleTree.appended(size, leafHash, this)) {
            while (levels.size() <= node.level()) {
                levels.add(new ArrayList<>());
            }
            levels.get(node.level()).add(node.hash());
        }
        size++;
    }

    @Override
    public byte[] hash(int level, long index) {
        if (level >= levels.size() || index >= levels.get(level).size()) {
            throw new IllegalArgumentException("No complete subtree " + index + " at level " + level + " in a tree of " + size);
        }
        return levels.get(level).get((int) index);
    }

    public byte[] root() {
        return MerkleTree.root(size, this);
    }
}
