package dev.larkee.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every refused webhook request, counted per failed check and logged through one
 * {@link RejectionLog}: whatever a client sends, the log gets at most one line per check every
 * {@value RejectionLog#INTERVAL_SECONDS} s. The checks are larkee's own names, so the map is bounded.
 */
@ApplicationScoped
public class WebhookRefusals {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class.getName());

    private final RejectionLog log = new RejectionLog(LOG);
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private volatile Consumer<String> listener;

    /** Tells {@code l} the check of every later refusal (for metrics); set once at startup. */
    public void listen(Consumer<String> l) {
        listener = l;
    }

    /** Counts a refusal for {@code check} and logs {@code line} unless one for it went out recently. */
    void refused(Level level, String check, Supplier<String> line) {
        counts.computeIfAbsent(check, c -> new LongAdder()).increment();
        Consumer<String> l = listener;
        if (l != null) {
            l.accept(check);
        }
        log.log(level, check, System.nanoTime(), line);
    }

    /** Refusals since start, by check. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((check, n) -> m.put(check, n.sum()));
        return m;
    }
}
