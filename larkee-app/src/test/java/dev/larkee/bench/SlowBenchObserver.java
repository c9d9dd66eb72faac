package dev.larkee.bench;

import dev.larkee.callback.CardAction;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.Toast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The slow-observer benchmark's card observer: 2 s for a card whose value says "slow", at once otherwise. */
@ApplicationScoped
public class SlowBenchObserver {

    static final long SLOW_MS = 2000;

    void on(@Observes CardAction action) throws InterruptedException {
        if (action.action().valueIsObject() && action.action().valueAsObject().containsKey("slow")) {
            Thread.sleep(SLOW_MS); // a slow backend call, holding the observer's thread
            action.reply(CardActionReply.toast(Toast.success("slow")));
            return;
        }
        action.reply(CardActionReply.toast(Toast.success("ok")));
    }
}
