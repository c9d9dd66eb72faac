package dev.larkee.callback;

import jakarta.json.JsonObject;
import java.util.concurrent.CompletionStage;

/**
 * Updates a card after its callback was answered, through the platform's open API (larkee's
 * {@code dev.larkee.openapi.CardUpdates} implements it; inject that, or call {@link CardAction#updateCard}).
 */
public interface CardUpdater {

    /**
     * Replaces the card {@code action} came from with {@code card} (the complete new card JSON), once
     * the callback itself has been answered; completes with the outcome, never exceptionally.
     */
    CompletionStage<CardUpdate> update(CardAction action, JsonObject card);
}
