package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.larkee.callback.Card;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.Inline;
import dev.larkee.callback.InlineUrl;
import dev.larkee.callback.Toast;
import dev.larkee.callback.UrlPreviewReply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyWriterTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void theFastPathWritesWhatJsonbWrites() throws Exception {
        JsonObject cardData = json("{\"schema\":\"2.0\",\"body\":{\"elements\":[]}}");
        List<Object> replies = List.of(
                CardActionReply.toast(Toast.success("已同意")),
                new CardActionReply(Toast.info("hi").withI18n(Map.of("zh_cn", "你好", "en_us", "hi")), Card.raw(cardData)),
                CardActionReply.card(Card.template("t-1", json("{\"n\":1}"), "1.0.0")),
                new CardActionReply(null, null),
                UrlPreviewReply.inline(Inline.title("Doc 123").withI18nTitle(Map.of("zh_cn", "文档 123"))),
                new UrlPreviewReply(new Inline("t", null, "img_v2_1", new InlineUrl("c", null, "a", "p", "w")),
                        Card.raw(cardData)));
        try (Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false))) {
            for (Object reply : replies) {
                String fast = ReplyWriter.write(reply);
                assertEquals(json(jsonb.toJson(reply)), json(fast), reply.toString());
            }
        }
        assertEquals("{\"toast\":{\"type\":\"success\",\"content\":\"已同意\"}}",
                ReplyWriter.write(CardActionReply.toast(Toast.success("已同意"))), "field order as the platform's SDKs write it");
    }

    @Test
    void jsonValuesPassThroughAndPlainStringsAreRefused() {
        assertEquals("{\"a\":1}", ReplyWriter.write(json("{\"a\":1}")));
        assertThrows(IllegalArgumentException.class, () -> ReplyWriter.write("{\"a\":1}"));
    }
}
