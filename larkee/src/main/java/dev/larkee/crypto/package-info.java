/**
 * The platform's payload encryption (AES-256-CBC, key = SHA-256 of the Encrypt Key) and request
 * signatures (SHA-256 for events and callbacks, SHA-1 for legacy cards): plain Java, no container.
 */
package dev.larkee.crypto;
