package dev.larkee.longconnection;

/** Bytes that are not a frame larkee understands; the frame is ignored, the connection stays. */
public class FrameException extends Exception {

    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }
}
