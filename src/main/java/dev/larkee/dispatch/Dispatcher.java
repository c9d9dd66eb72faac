package dev.larkee.dispatch;

import dev.larkee.callback.CardAction;
import dev.larkee.callback.Callback;
import dev.larkee.callback.CustomizedEvent;
import dev.larkee.callback.EventType;
import dev.larkee.callback.LegacyCardAction;
import dev.larkee.callback.PlatformEvent;
import dev.larkee.callback.UrlPreview;
import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
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
    @Any
    Event<Object> events;

    @Inject
    BeanManager beanManager;

    @Inject
    ObserverExecutors executors;

    @Inject
    DispatchStatistics statistics;

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    DeliveredEvents delivered;

    /** Observers never change after deployment, so each type's resolution is looked up once. */
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
        PendingDispatch pending = new PendingDispatch(callback, isCallback, start,
                configuration.callbackDeadlineMs(), statistics, executors.deadlines(), delivered);
        Optional<String> previous = delivered.previousReply(callback.id());
        if (previous.isPresent()) {
            LOG.fine(() -> "larkee: " + callback + " was delivered before; answered as the first time");
            pending.settleDuplicate(previous.get());
            return pending;
        }
        Route route = routes.computeIfAbsent(routeKey(callback), k -> resolve(callback));
        if (!route.observed()) {
            if (statistics.firstUnobserved(callback.type())) {
                LOG.info(() -> "larkee: no observer for '" + callback.type() + "' (first seen in " + callback.id()
                        + "); acknowledged without a reply. Further ones are counted, not logged.");
            }
            pending.settleUnobserved();
            return pending;
        }
        try {
            executors.observers().execute(() -> deliver(route, callback));
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "larkee: observer executor is full; " + callback + " answered as overloaded");
            pending.settleBusy();
        }
        return pending;
    }

    private void deliver(Route route, Callback<?> callback) {
        try {
            route.event().fire(callback);
            if (!callback.replied()) {
                callback.settlement().complete(Callback.NO_REPLY);
            }
        } catch (RuntimeException | Error e) {
            // Logged where the dispatch settles, with the event id.
            callback.settlement().completeExceptionally(e);
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

    private static String routeKey(Callback<?> callback) {
        if (callback instanceof PlatformEvent || callback instanceof CustomizedEvent) {
            return callback.getClass().getSimpleName() + "|" + callback.type();
        }
        return callback.getClass().getSimpleName();
    }

    private Route resolve(Callback<?> callback) {
        Annotation[] qualifiers = (callback instanceof PlatformEvent || callback instanceof CustomizedEvent)
                ? new Annotation[] {EventType.Literal.of(callback.type())}
                : new Annotation[0];
        boolean observed = !beanManager.resolveObserverMethods(callback, qualifiers).isEmpty();
        @SuppressWarnings("unchecked")
        Event<Object> event = (Event<Object>) (Event<?>) events.select(callback.getClass(), qualifiers);
        return new Route(observed, event);
    }

    private record Route(boolean observed, Event<Object> event) {
    }
}
