package io.tagledger.api.transparency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads a C2SP signed note with one verifier key: the text is trusted only when a signature line of that key
 * verifies over it. Lines of other keys are passed over, as the format asks.
 */
public final class SignedNote {

    /** The em dash that starts every signature line. */
    static final String DASH = "\u2014";

    private final String name;
    private final byte[] keyId;
    private final PublicKey key;

    private SignedNote(String name, byte[] keyId, PublicKey key) {
        this.name = name;
        this.keyId = keyId;
        this.key = key;
    }

    /** A verifier from its key, {@code <name>+<hex key ID>+<base64(0x01 || public key)>}; its key ID must be its own. */
    public static SignedNote verifier(String verifierKey) {
        String[] parts = verifierKey.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("A verifier key is <name>+<hex key ID>+<base64 key>");
        }
        String name = NoteKey.checkedName(parts[0]);
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        if (typed.length != 33 || typed[0] != NoteKey.ED25519) {
            throw new IllegalArgumentException("Only Ed25519 verifier keys (type 0x01) are read");
        }
        byte[] raw = Arrays.copyOfRange(typed, 1, typed.length);
        byte[] keyId = NoteKey.keyId(name, raw);
        if (!HexFormat.of().formatHex(keyId).equals(parts[1])) {
            throw new IllegalArgumentException("The verifier key's ID is not its key's");
        }
        byte[] spki = NoteKey.spki(raw);
        try {
            return new SignedNote(name, keyId, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an Ed25519 key", e);
        }
    }

    /** The note's text when this key signed it; empty when no line of this key verifies, or the note is not one. */
    public Optional<String> open(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            return Optional.empty();
        }
        String text = note.substring(0, split + 1);
        for (String line : note.substring(split + 2).split("\n")) {
            String prefix = DASH + " " + name + " ";
            if (line.startsWith(prefix) && verifies(text, line.substring(prefix.length()))) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    private boolean verifies(String text, String encoded) {
        try {
            byte[] signature = Base64.getDecoder().decode(encoded);
            if (signature.length != 4 + 64 || !Arrays.equals(signature, 0, 4, keyId, 0, 4)) {
                return false;
            }
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature, 4, 64);
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            return false;
        }
    }
}
