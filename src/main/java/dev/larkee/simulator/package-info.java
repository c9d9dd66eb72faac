/**
 * The platform simulator: plays the Feishu / Lark open platform over the real protocols (bootstrap
 * POST, WebSocket with protobuf frames, signed and encrypted webhook POSTs), as larkee's embedded
 * default without credentials, behind the dev console, and as a test kit. Production code never
 * imports this package; with credentials configured its endpoints answer 404.
 */
package dev.larkee.simulator;
