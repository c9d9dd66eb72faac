package dev.larkee.examples;

import dev.larkee.callback.Card;
import dev.larkee.callback.CardAction;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.CustomizedEvent;
import dev.larkee.callback.EventType;
import dev.larkee.callback.Inline;
import dev.larkee.callback.LegacyCardAction;
import dev.larkee.callback.Toast;
import dev.larkee.callback.UrlPreview;
import dev.larkee.callback.UrlPreviewReply;
import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * EXAMPLE observers, one per kind of callback. Each is an ordinary CDI observer method; the reply
 * goes back through the callback object.
 */
@ApplicationScoped
public class ExampleObservers {

    @Inject
    LarkeeConfiguration configuration;

    /** A card button: answer with a toast. Works for object and string {@code action.value}. */
    void onCardAction(@Observes CardAction action) {
        if (!configuration.examplesEnabled()) {
            return;
        }
        String what = action.action().valueIsObject()
                ? action.action().valueField("action").orElse(action.action().valueAsObject().toString())
                : action.action().valueIsString() ? action.action().valueAsString() : String.valueOf(action.action().tag());
        action.reply(CardActionReply.toast(Toast.info("larkee got '" + what + "' from " + action.operator().openId())));
    }

    /** A link posted in a chat: answer with an inline title. */
    void onUrlPreview(@Observes UrlPreview preview) {
        if (!configuration.examplesEnabled()) {
            return;
        }
        preview.reply(UrlPreviewReply.inline(Inline.title("Preview of " + preview.url())
                .withI18nTitle(Map.of("en_us", "Preview of " + preview.url(), "zh_cn", "预览 " + preview.url()))));
    }

    /** A v1 "customized" event (an out-of-office approval): answer with a card. */
    void onOutApproval(@Observes @EventType("out_approval") CustomizedEvent event) {
        if (!configuration.examplesEnabled()) {
            return;
        }
        String reason = event.event().getString("out_reason", "");
        event.reply(card("Out-of-office request received", reason));
    }

    /** A legacy message card: answer with a replacement card. */
    void onLegacyCard(@Observes LegacyCardAction action) {
        if (!configuration.examplesEnabled()) {
            return;
        }
        action.reply(card("Handled by larkee", "option: " + String.valueOf(action.action().option())));
    }

    private static JsonObject card(String title, String text) {
        return Json.createObjectBuilder()
                .add("config", Json.createObjectBuilder().add("wide_screen_mode", true))
                .add("header", Json.createObjectBuilder().add("title",
                        Json.createObjectBuilder().add("tag", "plain_text").add("content", title)))
                .add("elements", Json.createArrayBuilder().add(Json.createObjectBuilder().add("tag", "div")
                        .add("text", Json.createObjectBuilder().add("tag", "plain_text").add("content", text))))
                .build();
    }
}
