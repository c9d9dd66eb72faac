package dev.larkee.webhook;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * A response whose client may be gone by the time the answer is written. Jersey logs a failed
 * commit as SEVERE with a stack trace ("Error while closing the output stream in order to commit
 * response"), so any client that hangs up early could fill the log. Here a write or close that fails
 * because the connection is gone is noted at FINE and otherwise ignored: there is nobody to tell.
 * One class for this one Jersey quirk.
 */
final class ClientGoneResponse extends HttpServletResponseWrapper {

    private static final Logger LOG = Logger.getLogger(ClientGoneResponse.class.getName());

    private ServletOutputStream stream;

    ClientGoneResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public synchronized ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new Tolerant(super.getOutputStream());
        }
        return stream;
    }

    private static final class Tolerant extends ServletOutputStream {
        private final ServletOutputStream out;
        private volatile boolean gone;

        Tolerant(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            run(() -> out.write(b));
        }

        @Override
        public void write(byte[] b, int off, int len) {
            run(() -> out.write(b, off, len));
        }

        @Override
        public void flush() {
            run(out::flush);
        }

        @Override
        public void close() {
            run(out::close);
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }

        private interface Io {
            void run() throws IOException;
        }

        private void run(Io io) {
            if (gone) {
                return;
            }
            try {
                io.run();
            } catch (IOException | RuntimeException e) {
                // Grizzly throws IOException, or UncheckedIOException from close: the client hung up.
                gone = true;
                LOG.fine(() -> "larkee: a webhook answer was not delivered, the client is gone: " + e);
            }
        }
    }
}
