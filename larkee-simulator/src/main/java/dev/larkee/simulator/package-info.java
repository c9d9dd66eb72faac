/**
 * The platform simulator: plays the Feishu / Lark open platform over the real protocols (bootstrap
 * POST, WebSocket with protobuf frames, signed and encrypted webhook POSTs), behind the dev console
 * and as a test kit, only when {@code larkee.simulator.enabled=true} (and no credentials). Production
 * code never imports this package; otherwise its endpoints answer 404, and loopback clients only.
 */
package dev.larkee.simulator;
