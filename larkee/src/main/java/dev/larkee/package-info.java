/**
 * larkee: Feishu / Lark callbacks and events, delivered by long connection or webhook, handed to
 * CDI observer beans.
 */
package dev.larkee;
