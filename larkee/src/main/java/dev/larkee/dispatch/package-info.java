/**
 * One way in for every transport: classify the delivered JSON, turn it into a typed callback, fire
 * it to CDI observers on a managed executor, and hand back the reply within the deadline (or a safe
 * fallback, with the late reply logged and counted).
 */
package dev.larkee.dispatch;
