package dev.larkee.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.spec.Vectors;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackModelsTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static JsonObject plaintext(String encryptionVectorId) {
        return json(Vectors.section("encryption").filter(v -> v.getString("id").startsWith(encryptionVectorId))
                .findFirst().orElseThrow().getString("plaintext_utf8"));
    }

    @Test
    void cardActionExposesEveryDocumentedField() {
        CardAction a = new CardAction(plaintext("E6"));
        assertEquals("f7984f25108f8137722bb63cee927e66", a.id());
        assertEquals("card.action.trigger", a.header().eventType());
        assertEquals("ou_84aad35d084aa403a838cf73ee18467", a.operator().openId());
        assertEquals("on_8ed6aa67826108097d9ee143816345", a.operator().unionId());
        assertEquals("c-295ee57216a5dc9de90fefd0aadb4b1d7d337b7", a.token());
        assertEquals("button", a.action().tag());
        assertEquals("approve", a.action().valueField("action").orElseThrow());
        assertEquals("im_message", a.host());
        assertEquals("oc_5ce6d572455d361153b7cb51da133945", a.context().openChatId());
        assertEquals(plaintext("E6"), a.raw());
    }

    @Test
    void formInputsAndSelectionsAreTyped() {
        JsonObject body = json("{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e\",\"event_type\":\"card.action.trigger\"},"
                + "\"event\":{\"action\":{\"tag\":\"multi_select_static\",\"options\":[\"a\",\"b\"],\"checked\":true,"
                + "\"name\":\"n\",\"input_value\":\"typed\",\"timezone\":\"Asia/Shanghai\",\"option\":\"o\","
                + "\"form_value\":{\"f\":[\"x\"]}},\"delivery_type\":\"url_preview\",\"context\":{\"url\":\"https://e\","
                + "\"preview_token\":\"pt\"}}}");
        CardActionDetail d = new CardAction(body).action();
        assertEquals(List.of("a", "b"), d.options());
        assertEquals(Boolean.TRUE, d.checked());
        assertEquals("typed", d.inputValue());
        assertEquals("Asia/Shanghai", d.timezone());
        assertEquals("o", d.option());
        assertEquals(json("{\"f\":[\"x\"]}"), d.formValue());
        assertEquals("url_preview", new CardAction(body).deliveryType());
        assertEquals("pt", new CardAction(body).context().previewToken());
    }

    @Test
    void stringValueIsAcceptedAndTheWrongAccessorSaysWhatItIs() {
        JsonObject h13 = json(Vectors.http("H13").getJsonObject("request").getString("body_utf8"));
        CardActionDetail d = new CardAction(h13).action();
        assertTrue(d.valueIsString());
        assertEquals("{\"action\":\"approve\"}", d.valueAsString());
        assertTrue(d.valueField("action").isEmpty());
        CardValueException e = assertThrows(CardValueException.class, d::valueAsObject);
        assertEquals("card action.value is a JSON string, not a JSON object; read it with valueAsString()", e.getMessage());
    }

    @Test
    void wrongShapesNeverCrashTheModel() {
        JsonObject odd = json("{\"schema\":\"2.0\",\"header\":\"x\",\"event\":{\"operator\":7,\"action\":[1]}}");
        CardAction a = new CardAction(odd);
        assertEquals(null, a.operator().openId());
        assertFalse(a.action().valueIsObject());
        assertThrows(CardValueException.class, () -> a.action().valueAsObject());
    }

    @Test
    void v1AndLegacyAndPreviewModels() {
        CustomizedEvent v1 = new CustomizedEvent(plaintext("E7"));
        assertEquals("out_approval", v1.type());
        assertEquals("bc447199585340d1f3728d26b1c0297a", v1.uuid());
        UrlPreview p = new UrlPreview(plaintext("E8"));
        assertEquals("url.preview.get", p.type());
        assertTrue(p.url().startsWith("https://"));
        LegacyCardAction l = new LegacyCardAction(json(Vectors.http("H16").getJsonObject("request").getString("body_utf8")));
        assertEquals("选项一", l.action().option());
        assertEquals("同意", l.action().valueField("备注").orElseThrow());
    }

    @Test
    void repliesSerialiseLikeThePlatformExpects() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            assertEquals("{\"toast\":{\"type\":\"success\",\"content\":\"已同意\"}}",
                    jsonb.toJson(CardActionReply.toast(Toast.success("已同意"))));
            assertEquals(json("{\"inline\":{\"title\":\"Doc 123\",\"i18n_title\":{\"zh_cn\":\"文档 123\",\"en_us\":\"Doc 123\"}}}"),
                    json(jsonb.toJson(UrlPreviewReply.inline(Inline.title("Doc 123")
                            .withI18nTitle(Map.of("zh_cn", "文档 123", "en_us", "Doc 123"))))));
            assertEquals(json("{\"card\":{\"type\":\"template\",\"data\":{\"template_id\":\"t1\",\"template_variable\":{\"k\":1}}}}"),
                    json(jsonb.toJson(CardActionReply.card(Card.template("t1", json("{\"k\":1}"), null)))));
        }
        assertThrows(IllegalArgumentException.class, () -> new Toast("loud", "x", null));
        assertThrows(IllegalArgumentException.class, () -> new Card("html", json("{}")));
    }

    @Test
    void theFirstReplyWinsAndALaterOneIsIgnored() {
        CardAction a = new CardAction(plaintext("E6"));
        CardActionReply first = CardActionReply.toast(Toast.info("first"));
        a.reply(first);
        a.reply(CardActionReply.toast(Toast.info("second")));
        assertTrue(a.replied());
        assertEquals(first, a.settlement().join());
    }
}
