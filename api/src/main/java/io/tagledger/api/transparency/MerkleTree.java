package io.tagledger.api.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 6962 (RFC 9162 §2.1): its hashes, the root of a tree of any size, inclusion and
 * consistency proofs, and their verification. A tree is read through the hashes of its complete subtrees
 * ({@link Subtrees}), which is what a log stores as it grows: every complete subtree, at every level, once.
 */
public final class MerkleTree {

    public static final int HASH_SIZE = 32;
    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private MerkleTree() {
    }

    /** The hash of a complete subtree: the {@code 2^level} leaves from {@code index << level} on. */
    @FunctionalInterface
    public interface Subtrees {
        byte[] hash(int level, long index);
    }

    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha = sha256();
        sha.update(LEAF);
        return sha.digest(entry);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update(NODE);
        sha.update(left);
        return sha.digest(right);
    }

    /** A complete subtree's hash, where a log keeps it. */
    public record Node(int level, long index, byte[] hash) {
    }

    /**
     * The complete subtrees that appending leaf {@code index} completes, itself first, then each parent whose
     * right child it completes, read from the subtrees already kept.
     */
    public static List<Node> appended(long index, byte[] leafHash, Subtrees kept) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node(0, index, leafHash));
        int level = 0;
        long at = index;
        byte[] hash = leafHash;
        while ((at & 1) == 1) {
            hash = nodeHash(kept.hash(level, at - 1), hash);
            level++;
            at >>= 1;
            nodes.add(new Node(level, at, hash));
        }
        return nodes;
    }

    /** The root of a tree of {@code size} leaves; of the empty tree, the hash of nothing. */
    public static byte[] root(long size, Subtrees subtrees) {
        return size == 0 ? sha256().digest() : hash(0, size, subtrees);
    }

    /** The audit path of leaf {@code index} in the tree of {@code size} leaves, from the leaf up. */
    public static List<byte[]> inclusionProof(long index, long size, Subtrees subtrees) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("Leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, subtrees, proof);
        return proof;
    }

    /** The proof that the tree of {@code size} leaves extends the tree of its first {@code older} leaves. */
    public static List<byte[]> consistencyProof(long older, long size, Subtrees subtrees) {
        if (older < 0 || older > size) {
            throw new IllegalArgumentException("A tree of " + size + " does not extend one of " + older);
        }
        List<byte[]> proof = new ArrayList<>();
        if (older > 0 && older < size) {
            subproof(older, 0, size, true, subtrees, proof);
        }
        return proof;
    }

    /** RFC 9162 §2.1.3.2: whether the proof shows the leaf at {@code index} in the tree of {@code size} leaves whose root is {@code root}. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 §2.1.4.2: whether the proof shows that the tree of {@code size} leaves extends the tree of {@code older}. */
    public static boolean verifyConsistency(long older, long size, byte[] olderRoot, byte[] root, List<byte[]> proof) {
        if (older < 0 || older > size) {
            return false;
        }
        if (older == size || older == 0) {
            return proof.isEmpty() && (older != size || Arrays.equals(olderRoot, root));
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(older) == 1) {
            path.add(0, olderRoot);
        }
        if (path.isEmpty()) {
            return false;
        }
        long fn = older - 1;
        long sn = size - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, olderRoot) && Arrays.equals(sr, root);
    }

    /**
     * The hash of leaves {@code [lo, hi)}: split at the largest power of two below their count. Each range
     * this reaches starts at a multiple of the smallest power of two at least its size, so a range whose
     * size is a power of two is a complete subtree.
     */
    private static byte[] hash(long lo, long hi, Subtrees subtrees) {
        long n = hi - lo;
        if (Long.bitCount(n) == 1) {
            int level = Long.numberOfTrailingZeros(n);
            return subtrees.hash(level, lo >>> level);
        }
        long k = Long.highestOneBit(n - 1);
        return nodeHash(hash(lo, lo + k, subtrees), hash(lo + k, hi, subtrees));
    }

    private static void path(long index, long lo, long hi, Subtrees subtrees, List<byte[]> proof) {
        long n = hi - lo;
        if (n == 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (index < lo + k) {
            path(index, lo, lo + k, subtrees, proof);
            proof.add(hash(lo + k, hi, subtrees));
        } else {
            path(index, lo + k, hi, subtrees, proof);
            proof.add(hash(lo, lo + k, subtrees));
        }
    }

    /** RFC 9162's SUBPROOF, with {@code older} counted from {@code lo}. */
    private static void subproof(long older, long lo, long hi, boolean whole, Subtrees subtrees, List<byte[]> proof) {
        long n = hi - lo;
        if (older == n) {
            if (!whole) {
                proof.add(hash(lo, hi, subtrees));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (older <= k) {
            subproof(older, lo, lo + k, whole, subtrees, proof);
            proof.add(hash(lo + k, hi, subtrees));
        } else {
            subproof(older - k, lo + k, hi, false, subtrees, proof);
            proof.add(hash(lo, lo + k, subtrees));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
