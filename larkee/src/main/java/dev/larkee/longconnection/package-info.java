/**
 * The long connection: larkee dials the open platform over WebSocket, receives events and
 * callbacks as protobuf frames, hands them to the dispatcher and acknowledges each one in time.
 */
package dev.larkee.longconnection;
