/**
 * Several instances of one app: de-duplication and the connection cap shared through the server's
 * data grid (Payara's JCache), or kept in this instance when there is none. {@link
 * dev.larkee.cluster.JCacheMaps} is the one class that knows the cache technology.
 */
package dev.larkee.cluster;
