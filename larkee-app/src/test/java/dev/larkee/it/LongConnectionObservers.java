package dev.larkee.it;

import dev.larkee.callback.CardAction;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.EventType;
import dev.larkee.callback.Inline;
import dev.larkee.callback.PlatformEvent;
import dev.larkee.callback.Toast;
import dev.larkee.callback.UrlPreview;
import dev.larkee.callback.UrlPreviewReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test observers for the long-connection ITs: they record what arrived and reply in known ways. */
@ApplicationScoped
public class LongConnectionObservers {

    /** Event id → the raw JSON an observer saw. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private volatile CountDownLatch slowStarted = new CountDownLatch(1);
    private volatile CountDownLatch slowGate = new CountDownLatch(0);

    void card(@Observes CardAction action) throws InterruptedException {
        seen.put(action.id(), action.raw().toString());
        if (action.id().endsWith("-slow")) {
            slow();
        }
        action.reply(CardActionReply.toast(Toast.success("clicked " + action.id())));
    }

    void preview(@Observes UrlPreview preview) throws InterruptedException {
        seen.put(preview.id(), preview.raw().toString());
        if (preview.raw().toString().contains("slow")) {
            slow();
        }
        preview.reply(UrlPreviewReply.inline(Inline.title("preview " + preview.id())));
    }

    void message(@Observes @EventType("im.message.receive_v1") PlatformEvent event) {
        seen.put(event.id(), event.raw().toString());
    }

    void failing(@Observes @EventType("test.fail") PlatformEvent event) {
        seen.put(event.id(), event.raw().toString());
        throw new IllegalStateException("observer failure on purpose");
    }

    void slowEvent(@Observes @EventType("test.slow") PlatformEvent event) throws InterruptedException {
        seen.put(event.id(), event.raw().toString());
        slow();
    }

    private void slow() throws InterruptedException {
        slowStarted.countDown();
        if (!slowGate.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("slow observer was never released");
        }
    }

    /** Arms the slow observers: they wait until {@link #releaseSlow()}. */
    public CountDownLatch holdSlow() {
        slowGate = new CountDownLatch(1);
        slowStarted = new CountDownLatch(1);
        return slowStarted;
    }

    public void releaseSlow() {
        slowGate.countDown();
    }

    /** The raw JSON seen for {@code eventId}, or null. */
    public String seen(String eventId) {
        return seen.get(eventId);
    }
}
