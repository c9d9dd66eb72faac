/**
 * The webhook transport: the platform POSTs events, callbacks and legacy card actions to larkee's
 * public URLs; requests are authenticated over their raw bytes first, then decrypted, classified,
 * token-checked, freshness-checked and handed to the dispatcher.
 */
package dev.larkee.webhook;
