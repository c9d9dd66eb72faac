package dev.larkee.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code {"encrypt":"…"}} envelope: {@code base64(iv ‖ AES-256-CBC(SHA-256(encryptKey), iv,
 * PKCS#7(plaintext)))} with the standard base64 alphabet. Decryption is strict where the official
 * SDKs are lenient: strict base64, at least one block after the IV, a real PKCS#7 check and strict
 * UTF-8. Instances are immutable and thread-safe.
 */
public final class PayloadCipher {

    private static final int BLOCK = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Cipher.getInstance walks the providers each time: one instance per thread, re-initialised per use. */
    private static final ThreadLocal<Cipher> AES_CBC = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CBC/PKCS5Padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/PKCS5Padding is not available", e);
        }
    });

    private final SecretKeySpec key;

    /** @param encryptKey the app's Encrypt Key as configured in the developer console; not blank */
    public PayloadCipher(String encryptKey) {
        if (encryptKey == null || encryptKey.isEmpty()) {
            throw new IllegalArgumentException("encrypt key must not be empty");
        }
        this.key = new SecretKeySpec(sha256(encryptKey.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /** Decrypts the value of an {@code encrypt} member into the UTF-8 text it carries. */
    public String decrypt(String base64) throws CryptoException {
        byte[] plain = decryptBytes(base64);
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain));
            return text.toString();
        } catch (CharacterCodingException e) {
            throw new CryptoException("decrypted payload is not UTF-8");
        }
    }

    /**
     * Decrypts the value of an {@code encrypt} member into the bytes it carries, not checked as UTF-8:
     * for a caller that checks and parses the bytes where they are (a decoded copy of every webhook
     * body was a good part of the webhook's allocations).
     */
    public byte[] decryptBytes(String base64) throws CryptoException {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("encrypt is not standard base64");
        }
        if (data.length < 2 * BLOCK || data.length % BLOCK != 0) {
            throw new CryptoException("encrypt has the wrong length for IV and AES blocks");
        }
        try {
            Cipher cipher = AES_CBC.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(data, 0, BLOCK));
            return cipher.doFinal(data, BLOCK, data.length - BLOCK);
        } catch (GeneralSecurityException e) {
            // Bad padding here means a wrong key or tampered ciphertext; the cause stays internal.
            throw new CryptoException("encrypt does not decrypt with the configured Encrypt Key");
        }
    }

    /** Encrypts with a fresh random IV, as the platform does. */
    public String encrypt(String plaintext) {
        byte[] iv = new byte[BLOCK];
        RANDOM.nextBytes(iv);
        return encrypt(plaintext, iv);
    }

    /** Encrypts with the given 16-byte IV: deterministic, for test vectors. */
    public String encrypt(String plaintext, byte[] iv) {
        if (iv.length != BLOCK) {
            throw new IllegalArgumentException("iv must be 16 bytes");
        }
        try {
            Cipher cipher = AES_CBC.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[BLOCK + sealed.length];
            System.arraycopy(iv, 0, out, 0, BLOCK);
            System.arraycopy(sealed, 0, out, BLOCK, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/PKCS5Padding is not available", e);
        }
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "PayloadCipher[key=***]";
    }
}
