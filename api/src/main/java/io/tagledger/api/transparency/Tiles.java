package io.tagledger.api.transparency;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tiles of c2sp.org/tlog-tiles: a hash tile {@code tile/<L>/<N>[.p/<W>]} holds the hashes of tree level
 * {@code 8L} from index {@code 256N}, 256 of them, or {@code W} in a partial tile at the tree's right edge;
 * an entry bundle {@code tile/entries/<N>[.p/<W>]} holds entries {@code 256N} on, each after its length as
 * a big-endian 16-bit number. {@code N} is written in groups of three digits, all but the last after an
 * {@code x}: 1234067 is {@code x001/x234/067}.
 */
public final class Tiles {

    public static final int HEIGHT = 8;
    public static final int WIDTH = 1 << HEIGHT;
    /** The longest entry a bundle can carry. */
    public static final int MAX_ENTRY = 0xffff;
    private static final Pattern TILE = Pattern.compile("tile/(entries|[0-9]|[1-5][0-9]|6[0-3])/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([0-9]{1,3}))?");

    private Tiles() {
    }

    /** A tile, as its path names it: {@code level} is {@code -1} for an entry bundle; {@code width} 256 when full. */
    public record Tile(int level, long index, int width) {

        public boolean isEntries() {
            return level < 0;
        }

        public String path() {
            return "tile/" + (isEntries() ? "entries" : String.valueOf(level)) + "/" + indexPath(index) + (width == WIDTH ? "" : ".p/" + width);
        }
    }

    /** The tile a path names, when it names one as the specification writes it (no other spelling of the same tile). */
    public static Optional<Tile> parse(String path) {
        Matcher matcher = TILE.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long index = 0;
        for (String group : matcher.group(2).split("/")) {
            index = index * 1000 + Integer.parseInt(group.startsWith("x") ? group.substring(1) : group);
        }
        int width = matcher.group(3) == null ? WIDTH : Integer.parseInt(matcher.group(3));
        int level = matcher.group(1).equals("entries") ? -1 : Integer.parseInt(matcher.group(1));
        if (width < 1 || width >= WIDTH && matcher.group(3) != null || index < 0) {
            return Optional.empty();
        }
        Tile tile = new Tile(level, index, width);
        return tile.path().equals(path) ? Optional.of(tile) : Optional.empty();
    }

    static String indexPath(long index) {
        StringBuilder path = new StringBuilder(String.format("%03d", index % 1000));
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            path.insert(0, String.format("x%03d/", rest % 1000));
        }
        return path.toString();
    }

    /**
     * How many hashes (or entries) a tile at {@code level} ({@code -1}: entries) and {@code index} has in a
     * tree of {@code size} leaves: 256, fewer at the right edge, 0 past it.
     */
    public static int widthIn(int level, long index, long size) {
        long atLevel = level < 0 ? size : size >>> (HEIGHT * level);
        return (int) Math.max(0, Math.min(WIDTH, atLevel - index * WIDTH));
    }

    /** A hash tile's content: its hashes, in order. */
    public static byte[] hashTile(Tile tile, MerkleTree.Subtrees subtrees) {
        byte[] content = new byte[tile.width() * MerkleTree.HASH_SIZE];
        for (int i = 0; i < tile.width(); i++) {
            System.arraycopy(subtrees.hash(HEIGHT * tile.level(), tile.index() * WIDTH + i), 0, content, i * MerkleTree.HASH_SIZE,
                    MerkleTree.HASH_SIZE);
        }
        return content;
    }

    /** An entry bundle's content. */
    public static byte[] entryBundle(List<byte[]> entries) {
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY) {
                throw new IllegalArgumentException("An entry of " + entry.length + " bytes does not fit a bundle");
            }
            bundle.write(entry.length >>> 8);
            bundle.write(entry.length & 0xff);
            bundle.writeBytes(entry);
        }
        return bundle.toByteArray();
    }

    /** An entry bundle's entries, in order. @throws IllegalArgumentException when the bundle is cut short */
    public static List<byte[]> entries(byte[] bundle) {
        List<byte[]> entries = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            if (at + 2 > bundle.length) {
                throw new IllegalArgumentException("The bundle ends inside an entry's length, after " + entries.size() + " entries");
            }
            int length = (bundle[at] & 0xff) << 8 | bundle[at + 1] & 0xff;
            if (at + 2 + length > bundle.length) {
                throw new IllegalArgumentException("The bundle ends inside its entry " + entries.size());
            }
            entries.add(Arrays.copyOfRange(bundle, at + 2, at + 2 + length));
            at += 2 + length;
        }
        return entries;
    }
}
