/**
 * What observers receive and return: typed, immutable views of each callback and event (the raw
 * JSON always one call away), the {@link dev.larkee.callback.EventType} qualifier, and the reply
 * models (toast, card, link preview) serialised with JSON-B.
 */
package dev.larkee.callback;
