package dev.larkee.it;

import dev.larkee.webhook.WebhookRefusals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Test-only: what the server logged since the last reset (records, characters, SEVERE ones, the first
 * few messages), and the webhook's refusal counters, so client-side tests can prove that nothing a
 * client sends floods the log.
 */
@ApplicationScoped
@Path("it/server")
public class ServerLogResource {

    @Inject
    WebhookRefusals refusals;

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong chars = new AtomicLong();
    private final AtomicLong severe = new AtomicLong();
    private final List<String> sample = new ArrayList<>();
    private volatile Handler handler;

    @POST
    @Path("log/reset")
    public synchronized void reset() {
        if (handler == null) {
            handler = new Handler() {
                @Override
                public void publish(LogRecord r) {
                    if (r.getLoggerName() != null && r.getLoggerName().startsWith("dev.larkee.it")) {
                        return;
                    }
                    String text = String.valueOf(r.getMessage()) + (r.getThrown() == null ? "" : " " + r.getThrown());
                    records.incrementAndGet();
                    chars.addAndGet(text.length() + (r.getThrown() == null ? 0 : 2000)); // a trace is ~2 kB and up
                    if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                        severe.incrementAndGet();
                    }
                    synchronized (sample) {
                        if (sample.size() < 5) {
                            sample.add(r.getLevel() + " " + r.getLoggerName() + ": " + text.substring(0, Math.min(300, text.length())));
                        }
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            handler.setLevel(Level.INFO);
            Logger.getLogger("").addHandler(handler);
        }
        records.set(0);
        chars.set(0);
        severe.set(0);
        synchronized (sample) {
            sample.clear();
        }
    }

    @GET
    @Path("log")
    @Produces(MediaType.APPLICATION_JSON)
    public String log() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("records", records.get()).add("chars", chars.get())
                .add("severe", severe.get());
        synchronized (sample) {
            b.add("sample", Json.createArrayBuilder(sample));
        }
        return b.build().toString();
    }

    @GET
    @Path("refusals")
    @Produces(MediaType.APPLICATION_JSON)
    public String refusals() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        refusals.snapshot().forEach(b::add);
        return b.build().toString();
    }
}
