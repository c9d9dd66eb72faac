package dev.larkee.it;

import dev.larkee.callback.CardAction;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.CustomizedEvent;
import dev.larkee.callback.EventType;
import dev.larkee.callback.Inline;
import dev.larkee.callback.LegacyCardAction;
import dev.larkee.callback.PlatformEvent;
import dev.larkee.callback.Toast;
import dev.larkee.callback.UrlPreview;
import dev.larkee.callback.UrlPreviewReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Test observers for the shared vectors' handler behaviours (webhook.md §13.3): each records that
 * it ran (by event id or tag) and answers as the vector's handler does.
 */
@ApplicationScoped
public class RecordingObservers {

    /** Vector H7's handler throws; H4 has the same event id and must not, so each deployment says. */
    @Inject
    @ConfigProperty(name = "it.throw-on-event", defaultValue = "none")
    String throwOnEvent;

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    public int calls(String key) {
        AtomicInteger n = calls.get(key);
        return n == null ? 0 : n.get();
    }

    private void record(String key) {
        calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    void onMessage(@Observes @EventType("im.message.receive_v1") PlatformEvent event) {
        record(event.id());
        if (event.id().equals(throwOnEvent)) {
            throw new IllegalStateException("boom");
        }
    }

    void onCardAction(@Observes CardAction action) throws InterruptedException {
        record(action.id());
        if (action.action().valueIsObject() && action.action().valueAsObject().containsKey("slow")) {
            // The deadline scenario: an observer that takes 5 s.
            Thread.sleep(5000);
            action.reply(CardActionReply.toast(Toast.warning("too late")));
            return;
        }
        if (action.action().valueIsObject() && action.action().valueAsObject().containsKey("fail")) {
            throw new IllegalArgumentException("observer failure on purpose");
        }
        if (action.action().valueIsString()) {
            action.reply(CardActionReply.toast(Toast.info("string value: " + action.action().valueAsString())));
            return;
        }
        action.reply(CardActionReply.toast(Toast.success("已同意")));
    }

    void onUrlPreview(@Observes UrlPreview preview) {
        record(preview.id());
        preview.reply(UrlPreviewReply.inline(Inline.title("Doc 123")
                .withI18nTitle(Map.of("zh_cn", "文档 123", "en_us", "Doc 123"))));
    }

    void onOutApproval(@Observes @EventType("out_approval") CustomizedEvent event) {
        record(event.id());
    }

    void onLegacyCard(@Observes LegacyCardAction action) {
        record("legacy:" + action.action().tag());
        if ("select_static".equals(action.action().tag())) {
            action.reply(Json.createObjectBuilder()
                    .add("config", Json.createObjectBuilder().add("wide_screen_mode", true))
                    .add("elements", Json.createArrayBuilder().add(Json.createObjectBuilder().add("tag", "div")
                            .add("text", Json.createObjectBuilder().add("tag", "plain_text").add("content", "已处理"))))
                    .build());
        }
    }
}
