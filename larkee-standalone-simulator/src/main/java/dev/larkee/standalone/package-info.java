/**
 * A simulated Feishu / Lark open platform for a plain JVM: the long-connection bootstrap, the
 * WebSocket peer that pushes data frames to several larkee instances of one app and re-delivers
 * what they do not acknowledge, and a webhook sender with the platform's retry-on-next-target
 * behaviour. Start one with {@link dev.larkee.standalone.StandaloneSimulator#start}; run it as a
 * process with {@link dev.larkee.standalone.SimulatorMain}. Everything binds to 127.0.0.1 only.
 */
package dev.larkee.standalone;
