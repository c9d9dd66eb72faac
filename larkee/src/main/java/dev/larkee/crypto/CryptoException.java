package dev.larkee.crypto;

/**
 * An encrypted payload that cannot be decrypted: bad base64, wrong length, wrong key or tampered
 * padding, or plaintext that is not UTF-8. The message names the check that failed and never
 * contains key material or plaintext.
 */
public class CryptoException extends Exception {
    public CryptoException(String message) {
        super(message);
    }
}
