package dev.larkee.crypto;

import dev.larkee.spec.Vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadCipherTest {

    static Stream<JsonObject> positive() {
        return Vectors.section("encryption").filter(v -> v.getString("id").startsWith("E"));
    }

    static Stream<JsonObject> mustReject() {
        return Vectors.section("encryption").filter(v -> v.getString("id").startsWith("N"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positive")
    void decryptsEveryPositiveVector(JsonObject v) throws CryptoException {
        PayloadCipher cipher = new PayloadCipher(v.getString("encrypt_key"));
        assertEquals(v.getString("plaintext_utf8"), cipher.decrypt(v.getString("ciphertext_b64")), v.getString("id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positive")
    void reEncryptsBitForBitWithTheVectorsIv(JsonObject v) {
        PayloadCipher cipher = new PayloadCipher(v.getString("encrypt_key"));
        byte[] iv = HexFormat.of().parseHex(v.getString("iv_hex"));
        assertEquals(v.getString("ciphertext_b64"), cipher.encrypt(v.getString("plaintext_utf8"), iv), v.getString("id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mustReject")
    void rejectsEveryNegativeVector(JsonObject v) {
        PayloadCipher cipher = new PayloadCipher(v.getString("encrypt_key"));
        CryptoException e = assertThrows(CryptoException.class, () -> cipher.decrypt(v.getString("ciphertext_b64")));
        assertEquals(false, e.getMessage().contains(v.getString("encrypt_key")), "message must not carry the key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positive")
    void decryptsEveryPositiveVectorToItsBytes(JsonObject v) throws CryptoException {
        PayloadCipher cipher = new PayloadCipher(v.getString("encrypt_key"));
        assertArrayEquals(v.getString("plaintext_utf8").getBytes(StandardCharsets.UTF_8),
                cipher.decryptBytes(v.getString("ciphertext_b64")), v.getString("id"));
    }

    @Test
    void roundTripsWithARandomIv() throws CryptoException {
        PayloadCipher cipher = new PayloadCipher("k");
        String text = "{\"备注\":\"同意\"}";
        String sealed = cipher.encrypt(text);
        assertEquals(text, cipher.decrypt(sealed));
        assertEquals(false, sealed.equals(cipher.encrypt(text)), "every encryption draws a fresh IV");
    }

    @Test
    void rejectsPlaintextThatIsNotUtf8() {
        String invalid = encryptRaw("k", new byte[] {(byte) 0xff}, new byte[16]);
        CryptoException e = assertThrows(CryptoException.class, () -> new PayloadCipher("k").decrypt(invalid));
        assertEquals("decrypted payload is not UTF-8", e.getMessage());
    }

    private static String encryptRaw(String key, byte[] plain, byte[] iv) {
        try {
            byte[] k = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(k, "AES"),
                    new javax.crypto.spec.IvParameterSpec(iv));
            byte[] sealed = c.doFinal(plain);
            byte[] out = new byte[16 + sealed.length];
            System.arraycopy(iv, 0, out, 0, 16);
            System.arraycopy(sealed, 0, out, 16, sealed.length);
            return java.util.Base64.getEncoder().encodeToString(out);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
