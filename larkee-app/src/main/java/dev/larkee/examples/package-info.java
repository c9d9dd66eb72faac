/**
 * EXAMPLES, not larkee itself: small observers that answer each kind of callback the way a real
 * app would. They answer only when {@code larkee.examples.enabled} is true (by default: only
 * against the local simulator). Copy them into your app and delete what you do not need.
 */
package dev.larkee.examples;
