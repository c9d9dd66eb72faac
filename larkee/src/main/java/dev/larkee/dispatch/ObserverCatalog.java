package dev.larkee.dispatch;

import dev.larkee.callback.Callback;
import dev.larkee.callback.EventType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every synchronous observer of a larkee callback in the application, collected once while the
 * container boots. The dispatcher picks a callback's observers from here instead of asking the
 * container per event type: the types come from the wire, and the container keeps every
 * resolution it is asked for, so a stream of made-up types would grow its cache without bound.
 * An event type that no observer names shares one route with all others of its class.
 */
public class ObserverCatalog implements Extension {

    private final List<ObserverMethod<?>> observers = new CopyOnWriteArrayList<>();
    private volatile Set<String> namedTypes;

    <T, X> void collect(@Observes ProcessObserverMethod<T, X> event) {
        ObserverMethod<T> m = event.getObserverMethod();
        if (!m.isAsync() && Callback.class.isAssignableFrom(rawType(m.getObservedType()))) {
            observers.add(m);
        }
    }

    /** The {@code @EventType} value an observer names, if it names one. */
    static Optional<String> namedType(ObserverMethod<?> m) {
        return m.getObservedQualifiers().stream().filter(q -> q instanceof EventType)
                .map(q -> ((EventType) q).value()).findFirst();
    }

    /**
     * The observers a callback of {@code kind} with event type {@code type} reaches, in the order
     * README documents: those naming the type with {@code @EventType} first, then catch-alls, each
     * group by {@code @Priority} (lower first). {@code type} is null for kinds that are not selected
     * by type (card actions, link previews, legacy cards).
     */
    List<ObserverMethod<Object>> observersOf(Class<?> kind, String type) {
        List<ObserverMethod<Object>> matching = new ArrayList<>();
        for (ObserverMethod<?> m : observers) {
            if (!rawType(m.getObservedType()).isAssignableFrom(kind) || !qualifiersMatch(m.getObservedQualifiers(), type)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            ObserverMethod<Object> any = (ObserverMethod<Object>) m;
            matching.add(any);
        }
        matching.sort(Comparator.<ObserverMethod<Object>>comparingInt(m -> namedType(m).isPresent() ? 0 : 1)
                .thenComparingInt(ObserverMethod::getPriority));
        return List.copyOf(matching);
    }

    /**
     * Whether any observer names {@code type} with {@code @EventType}: only such types get a route of
     * their own. Checked per delivery, so the names are gathered once, after boot.
     */
    boolean named(String type) {
        Set<String> names = namedTypes;
        if (names == null) {
            names = observers.stream().map(ObserverCatalog::namedType).flatMap(Optional::stream)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            namedTypes = names;
        }
        return names.contains(type);
    }

    /** As CDI matches a fired event's qualifiers: {@code @Any}, {@code @Default} and the event's own type only. */
    private static boolean qualifiersMatch(Set<Annotation> qualifiers, String type) {
        for (Annotation q : qualifiers) {
            if (q.annotationType() == Any.class || q.annotationType() == Default.class) {
                continue;
            }
            if (q instanceof EventType named && type != null && named.value().equals(type)) {
                continue;
            }
            return false;
        }
        return true;
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Void.class; // type variables and wildcards: not a callback observer
    }
}
