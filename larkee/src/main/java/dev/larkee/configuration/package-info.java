/**
 * larkee's settings, read once from MicroProfile Config under {@code larkee.*}, validated at
 * deployment (a bad value fails the deployment with a message naming the key), secrets kept out of
 * every log, error and {@code toString}.
 */
package dev.larkee.configuration;
