package dev.larkee.dispatch;

import dev.larkee.callback.Card;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.Inline;
import dev.larkee.callback.InlineUrl;
import dev.larkee.callback.Toast;
import dev.larkee.callback.UrlPreviewReply;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.Map;

/**
 * Writes observer replies as compact JSON: JSON-P values as they are; the reply records larkee
 * defines straight through one JSON-P generator factory (the same output as JSON-B, which
 * {@code ReplyWriterTest} checks, at a fraction of the cost on the hot path); any other object
 * through JSON-B, nulls left out.
 */
final class ReplyWriter {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    private static final JsonGeneratorFactory GENERATORS = JsonProvider.provider().createGeneratorFactory(Map.of());

    private ReplyWriter() {
    }

    static String write(Object reply) {
        if (reply instanceof JsonValue json) {
            return json.toString();
        }
        if (reply instanceof CharSequence) {
            throw new IllegalArgumentException("a reply must be a JSON value or a reply record, not a String");
        }
        if (reply instanceof CardActionReply r) {
            StringWriter out = new StringWriter(128);
            try (JsonGenerator g = GENERATORS.createGenerator(out)) {
                g.writeStartObject();
                toast(g, r.toast());
                card(g, r.card());
                g.writeEnd();
            }
            return out.toString();
        }
        if (reply instanceof UrlPreviewReply r) {
            StringWriter out = new StringWriter(128);
            try (JsonGenerator g = GENERATORS.createGenerator(out)) {
                g.writeStartObject();
                inline(g, r.inline());
                card(g, r.card());
                g.writeEnd();
            }
            return out.toString();
        }
        return JSONB.toJson(reply);
    }

    private static void toast(JsonGenerator g, Toast t) {
        if (t == null) {
            return;
        }
        g.writeStartObject("toast");
        g.write("type", t.type());
        text(g, "content", t.content());
        strings(g, "i18n", t.i18n());
        g.writeEnd();
    }

    private static void card(JsonGenerator g, Card c) {
        if (c == null) {
            return;
        }
        g.writeStartObject("card");
        g.write("type", c.type());
        g.write("data", c.data());
        g.writeEnd();
    }

    private static void inline(JsonGenerator g, Inline i) {
        if (i == null) {
            return;
        }
        g.writeStartObject("inline");
        text(g, "title", i.title());
        strings(g, "i18n_title", i.i18nTitle());
        text(g, "image_key", i.imageKey());
        InlineUrl u = i.url();
        if (u != null) {
            g.writeStartObject("url");
            text(g, "copy_url", u.copyUrl());
            text(g, "ios", u.ios());
            text(g, "android", u.android());
            text(g, "pc", u.pc());
            text(g, "web", u.web());
            g.writeEnd();
        }
        g.writeEnd();
    }

    private static void text(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.write(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, Map<String, String> values) {
        if (values == null) {
            return;
        }
        g.writeStartObject(name);
        values.forEach(g::write);
        g.writeEnd();
    }
}
