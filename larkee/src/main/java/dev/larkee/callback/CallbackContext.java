package dev.larkee.callback;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;

/** Where a card or link was: the message and chat, and for link previews the URL and its preview token. */
public record CallbackContext(
        @JsonbProperty("url") String url,
        @JsonbProperty("preview_token") String previewToken,
        @JsonbProperty("open_message_id") String openMessageId,
        @JsonbProperty("open_chat_id") String openChatId) {

    static CallbackContext from(JsonObject o) {
        return new CallbackContext(Json.text(o, "url"), Json.text(o, "preview_token"),
                Json.text(o, "open_message_id"), Json.text(o, "open_chat_id"));
    }
}
