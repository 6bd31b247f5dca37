package io.tagledger.api.transparency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 key that signs notes in the C2SP signed-note format (c2sp.org/signed-note): a signature line is
 * {@code — <name> <base64(key ID || signature)>}, the key ID the first four bytes of
 * {@code SHA-256(name || 0x0A || 0x01 || public key)}, and the key is published as the verifier key
 * {@code <name>+<hex key ID>+<base64(0x01 || public key)>}. The JDK signs (RFC 8032).
 */
public final class NoteKey {

    /** The signature type of Ed25519 in signed notes. */
    static final byte ED25519 = 0x01;
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo, before its 32 key bytes (RFC 8410). */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final byte[] keyId;

    private NoteKey(String name, PrivateKey privateKey, PublicKey publicKey) {
        this.name = checkedName(name);
        this.privateKey = privateKey;
        byte[] encoded = publicKey.getEncoded();
        if (encoded.length != SPKI_PREFIX.length + 32 || !Arrays.equals(encoded, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("Not an Ed25519 public key");
        }
        this.publicKey = Arrays.copyOfRange(encoded, SPKI_PREFIX.length, encoded.length);
        this.keyId = keyId(this.name, this.publicKey);
    }

    public static NoteKey generate(String name) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new NoteKey(name, pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK 15 and later has Ed25519", e);
        }
    }

    /** A key from its PKCS#8 private and X.509 public encodings. */
    public static NoteKey of(String name, byte[] pkcs8, byte[] spki) {
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            return new NoteKey(name, keys.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)), keys.generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public byte[] pkcs8() {
        return privateKey.getEncoded();
    }

    public byte[] spki() {
        return spki(publicKey);
    }

    /** The X.509 encoding of a raw Ed25519 public key. */
    static byte[] spki(byte[] raw) {
        byte[] encoded = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, encoded, SPKI_PREFIX.length, raw.length);
        return encoded;
    }

    /** The verifier key, as Go's {@code note.NewVerifier} and every C2SP client take it. */
    public String verifierKey() {
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return name + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** The note: its text (ending in a newline), a blank line, and this key's signature line. */
    public String sign(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("A note's text ends with a newline");
        }
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            byte[] signature = ByteBuffer.allocate(4 + 64).put(keyId).put(signer.sign()).array();
            return text + "\n" + SignedNote.DASH + " " + name + " " + Base64.getEncoder().encodeToString(signature) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static byte[] keyId(String name, byte[] publicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(ED25519);
            return Arrays.copyOf(sha.digest(publicKey), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** A key name is not empty and has no space, no {@code +} and no control character. */
    static String checkedName(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '+' || c == 0x7f)) {
            throw new IllegalArgumentException("A note key's name is not empty and has no space or '+': '" + name + "'");
        }
        return name;
    }
}
