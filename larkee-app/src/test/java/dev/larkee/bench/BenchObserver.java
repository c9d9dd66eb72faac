package dev.larkee.bench;

import dev.larkee.callback.CardAction;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.Toast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The bench WAR's only card observer: the same toast the SDK handler returns. */
@ApplicationScoped
public class BenchObserver {

    void on(@Observes CardAction action) {
        action.reply(CardActionReply.toast(Toast.success("ok")));
    }
}
