package io.tagledger.api.transparency;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6962's tree, its proofs and their verification, against the RFC's definition written out plainly. */
class MerkleTreeTest {

    private static final int MAX = 70;

    private static byte[] entry(int i) {
        return ("entry " + i).getBytes(StandardCharsets.UTF_8);
    }

    /** MTH as RFC 6962 §2.1 defines it, over the leaves themselves. */
    private static byte[] definition(List<byte[]> entries) {
        if (entries.size() == 1) {
            return MerkleTree.leafHash(entries.get(0));
        }
        int k = Integer.highestOneBit(entries.size() - 1);
        return MerkleTree.nodeHash(definition(entries.subList(0, k)), definition(entries.subList(k, entries.size())));
    }

    private static MemoryTree tree(int size) {
        MemoryTree tree = new MemoryTree();
        for (int i = 0; i < size; i++) {
            tree.append(MerkleTree.leafHash(entry(i)));
        }
        return tree;
    }

    private static byte[] rootOf(MemoryTree tree, long size) {
        return MerkleTree.root(size, tree);
    }

    @Test
    void theRootOfEverySizeIsTheRfcsTreeHash() {
        assertThat(HexFormat.of().formatHex(new MemoryTree().root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        List<byte[]> entries = new ArrayList<>();
        MemoryTree tree = new MemoryTree();
        for (int i = 0; i < MAX; i++) {
            entries.add(entry(i));
            tree.append(MerkleTree.leafHash(entry(i)));
            assertThat(tree.root()).as("size %d", i + 1).isEqualTo(definition(entries));
        }
    }

    @Test
    void everyLeafIsProvedInEveryTreeThatHoldsItAndNowhereElse() {
        MemoryTree tree = tree(MAX);
        for (long size = 1; size <= MAX; size++) {
            byte[] root = rootOf(tree, size);
            for (long index = 0; index < size; index++) {
                List<byte[]> proof = MerkleTree.inclusionProof(index, size, tree);
                byte[] leaf = MerkleTree.leafHash(entry((int) index));
                assertThat(MerkleTree.verifyInclusion(index, size, leaf, proof, root)).as("%d in %d", index, size).isTrue();
                assertThat(MerkleTree.verifyInclusion(index, size, MerkleTree.leafHash(entry(MAX)), proof, root)).isFalse();
                if (size > 1) {
                    assertThat(MerkleTree.verifyInclusion((index + 1) % size, size, leaf, proof, root)).isFalse();
                    List<byte[]> bent = new ArrayList<>(proof);
                    byte[] first = bent.get(0).clone();
                    first[0] ^= 1;
                    bent.set(0, first);
                    assertThat(MerkleTree.verifyInclusion(index, size, leaf, bent, root)).isFalse();
                }
            }
        }
    }

    @Test
    void everyTreeIsProvedToExtendEachOfItsPrefixesAndNotAFork() {
        MemoryTree tree = tree(MAX);
        for (long size = 1; size <= MAX; size++) {
            byte[] root = rootOf(tree, size);
            for (long older = 1; older <= size; older++) {
                byte[] olderRoot = rootOf(tree, older);
                List<byte[]> proof = MerkleTree.consistencyProof(older, size, tree);
                assertThat(MerkleTree.verifyConsistency(older, size, olderRoot, root, proof)).as("%d to %d", older, size).isTrue();
                if (older < size) {
                    assertThat(MerkleTree.verifyConsistency(older, size, root, olderRoot, proof)).isFalse();
                }
            }
        }
        // A fork: the same first leaves but one, grown again; no proof takes its old root to the new tree.
        MemoryTree fork = new MemoryTree();
        for (int i = 0; i < MAX; i++) {
            fork.append(MerkleTree.leafHash(i == 17 ? entry(-1) : entry(i)));
        }
        for (long older = 18; older < MAX; older++) {
            assertThat(MerkleTree.verifyConsistency(older, MAX, rootOf(fork, older), tree.root(),
                    MerkleTree.consistencyProof(older, MAX, tree))).isFalse();
        }
    }
}
