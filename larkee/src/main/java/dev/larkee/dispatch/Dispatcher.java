package dev.larkee.dispatch;

import dev.larkee.callback.CardAction;
import dev.larkee.callback.Callback;
import dev.larkee.callback.CustomizedEvent;
import dev.larkee.callback.LegacyCardAction;
import dev.larkee.callback.PlatformEvent;
import dev.larkee.callback.UrlPreview;
import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.openapi.CardUpdates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one dispatcher every transport uses: a classified body in, a {@link PendingDispatch} out that
 * settles within {@code larkee.callback-deadline-ms}. Observers run on the managed executor from
 * {@link ObserverExecutors}; an observer's failure is contained to its own callback.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    @Inject
    ObserverCatalog catalog;

    @Inject
    ObserverExecutors executors;

    @Inject
    DispatchStatistics statistics;

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    DeliveredEvents delivered;

    @Inject
    CardUpdates cardUpdates;

    /** The fallback a card action gets at the deadline: {@code {}}, or the configured toast. */
    private String cardActionFallback;

    @PostConstruct
    void init() {
        cardActionFallback = configuration.fallbackToast()
                .map(text -> Json.createObjectBuilder().add("toast", Json.createObjectBuilder()
                        .add("type", "info").add("content", text)).build().toString())
                .orElse(DispatchResult.EMPTY_REPLY);
    }

    /**
     * Observers never change after deployment, so each route is worked out once. Keyed by callback
     * class and, only for event types some observer names, the type: bounded by the application's
     * own observers, whatever types arrive.
     */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /**
     * Starts delivering {@code inbound} (an event, a callback or a legacy card; never a URL
     * verification) to its observers.
     */
    public PendingDispatch dispatch(Inbound inbound) {
        if (inbound.kind() == Inbound.Kind.URL_VERIFICATION || inbound.kind() == Inbound.Kind.UNKNOWN) {
            throw new IllegalArgumentException("not dispatchable: " + inbound.kind());
        }
        long start = System.nanoTime();
        Callback<?> callback = toCallback(inbound);
        boolean isCallback = inbound.isCallback();
        boolean cardAction = callback instanceof CardAction;
        String fallback = cardAction ? cardActionFallback : isCallback ? DispatchResult.EMPTY_REPLY : null;
        PendingDispatch pending = new PendingDispatch(callback, inbound.deduplicationKey(), isCallback, start,
                configuration.callbackDeadlineMs(), statistics, executors.deadlines(), delivered, fallback,
                cardAction ? cardUpdates::lateReply : null);
        DeliveryStore.Claim claim = delivered.claim(inbound.deduplicationKey());
        if (claim.seen() == DeliveryStore.Seen.DONE) {
            LOG.fine(() -> "larkee: " + WireText.forLog(inbound.toString()) + " was delivered before; answered as the first time");
            pending.settleDuplicate(claim.reply());
            return pending;
        }
        if (claim.seen() == DeliveryStore.Seen.IN_FLIGHT) {
            // The first handling still runs. A callback's user is waiting: the fallback now (the card
            // stays; a late card from the first handling goes out as an update). An event is refused
            // as busy: the platform retries it, and by then the first handling's answer is kept.
            LOG.fine(() -> "larkee: " + WireText.forLog(inbound.toString()) + " arrived again while its first handling runs");
            if (isCallback) {
                pending.settleDuplicate(fallback);
            } else {
                pending.settleBusy();
            }
            return pending;
        }
        Route route = route(callback);
        if (!route.observed()) {
            if (statistics.firstUnobserved(callback.type())) {
                LOG.info(() -> "larkee: no observer for '" + WireText.forLog(callback.type()) + "' (first seen in "
                        + WireText.forLog(inbound.id()) + "); acknowledged without a reply. Further ones are counted, not logged.");
            }
            delivered.release(inbound.deduplicationKey());
            pending.settleUnobserved();
            return pending;
        }
        try {
            executors.observers().execute(() -> deliver(route, callback));
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "larkee: observer executor is full; " + callback + " answered as overloaded");
            delivered.release(inbound.deduplicationKey());
            pending.settleBusy();
        }
        return pending;
    }

    /**
     * Runs every observer of the route in its order, each in isolation: one that throws never keeps
     * the others from running. The first reply wins (later ones are ignored, see {@link Callback});
     * a failure settles the dispatch as failed only when no observer replied, and is logged either way.
     */
    private void deliver(Route route, Callback<?> callback) {
        Throwable failure = null;
        for (ObserverMethod<Object> observer : route.observers()) {
            try {
                observer.notify(callback);
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure == null) {
            if (!callback.replied()) {
                callback.settlement().complete(Callback.NO_REPLY);
            }
        } else if (callback.replied()) {
            LOG.log(Level.WARNING, "larkee: an observer of " + WireText.forLog(callback.type()) + " failed for event '"
                    + WireText.forLog(callback.id()) + "'; another one's reply was sent", failure);
        } else {
            // Logged where the dispatch settles, with the event id.
            callback.settlement().completeExceptionally(failure);
        }
    }

    static Callback<?> toCallback(Inbound inbound) {
        return switch (inbound.kind()) {
            case EVENT_V2 -> switch (inbound.type()) {
                case CardAction.TYPE -> new CardAction(inbound.body());
                case UrlPreview.TYPE -> new UrlPreview(inbound.body());
                default -> new PlatformEvent(inbound.body());
            };
            case EVENT_V1 -> new CustomizedEvent(inbound.body());
            case LEGACY_CARD -> new LegacyCardAction(inbound.body());
            default -> throw new IllegalArgumentException(inbound.kind().name());
        };
    }

    private Route route(Callback<?> callback) {
        return routes.computeIfAbsent(routeKey(callback), k -> new Route(catalog.observersOf(callback.getClass(),
                selectedByType(callback) ? callback.type() : null)));
    }

    private static boolean selectedByType(Callback<?> callback) {
        return callback instanceof PlatformEvent || callback instanceof CustomizedEvent;
    }

    private String routeKey(Callback<?> callback) {
        if (selectedByType(callback) && catalog.named(callback.type())) {
            return callback.getClass().getSimpleName() + "|" + callback.type();
        }
        // Every type nobody names reaches the same observers: the catch-alls.
        return callback.getClass().getSimpleName();
    }

    private record Route(List<ObserverMethod<Object>> observers) {
        boolean observed() {
            return !observers.isEmpty();
        }
    }
}
