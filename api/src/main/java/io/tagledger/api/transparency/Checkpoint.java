package io.tagledger.api.transparency;

import java.util.Base64;

/**
 * A log's checkpoint, as c2sp.org/tlog-checkpoint writes its note text: the origin line, the tree size in
 * decimal, and the base64 RFC 6962 root, each ending in a newline.
 */
public record Checkpoint(String origin, long size, byte[] root) {

    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /** Reads a checkpoint's text (a signed note's, once opened); extension lines after the root are passed over. */
    public static Checkpoint parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || lines[0].isEmpty() || !lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("Not a checkpoint: " + text.lines().findFirst().orElse(""));
        }
        byte[] root = Base64.getDecoder().decode(lines[2]);
        if (root.length != MerkleTree.HASH_SIZE) {
            throw new IllegalArgumentException("A checkpoint's root is " + MerkleTree.HASH_SIZE + " bytes");
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }
}
