package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.spec.Vectors;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class InboundTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static JsonObject vectorBody(String id) {
        return json(Vectors.http(id).getJsonObject("request").getString("body_utf8"));
    }

    @Test
    void classifiesLikeTheSdks() {
        Inbound verification = Inbound.classify(vectorBody("H1"), Inbound.Endpoint.EVENTS);
        assertEquals(Inbound.Kind.URL_VERIFICATION, verification.kind());
        assertEquals("vt_spec_0123456789abcdef", verification.token());

        Inbound card = Inbound.classify(vectorBody("H13"), Inbound.Endpoint.EVENTS);
        assertEquals(Inbound.Kind.EVENT_V2, card.kind());
        assertEquals("card.action.trigger", card.type());
        assertEquals("9d2f3c1b0a8e4d7c6b5a49382716e5d4", card.id());
        assertTrue(card.isCallback());

        Inbound v1 = Inbound.classify(vectorBody("H12"), Inbound.Endpoint.EVENTS);
        assertEquals(Inbound.Kind.EVENT_V1, v1.kind());
        assertEquals("out_approval", v1.type());
        assertEquals("bc447199585340d1f3728d26b1c0297a", v1.id());
        assertFalse(v1.isCallback());

        Inbound legacy = Inbound.classify(vectorBody("H9"), Inbound.Endpoint.LEGACY_CARDS);
        assertEquals(Inbound.Kind.LEGACY_CARD, legacy.kind());
        assertEquals(null, legacy.token(), "a legacy card's token is the card credential, never compared with the VT");
    }

    @Test
    void v2EventWhoseEventTypeFieldIsAnObjectIsStillV2() {
        Inbound h15 = Inbound.classify(vectorBody("H15"), Inbound.Endpoint.EVENTS);
        assertEquals(Inbound.Kind.EVENT_V2, h15.kind());
        assertEquals("im.message.receive_v1", h15.type());
    }

    @Test
    void legacyShapesOnTheEventEndpointAndHalfEnvelopesAreUnknown() {
        assertEquals(Inbound.Kind.UNKNOWN, Inbound.classify(vectorBody("H9"), Inbound.Endpoint.EVENTS).kind());
        assertEquals(Inbound.Kind.UNKNOWN, Inbound.classify(json("{\"schema\":\"2.0\",\"header\":{}}"),
                Inbound.Endpoint.EVENTS).kind());
        assertEquals(Inbound.Kind.UNKNOWN, Inbound.classify(json("{\"uuid\":\"u\",\"event\":{\"type\":{}}}"),
                Inbound.Endpoint.EVENTS).kind());
        assertEquals(Inbound.Kind.UNKNOWN, Inbound.classify(json("{}"), Inbound.Endpoint.LEGACY_CARDS).kind());
    }
}
