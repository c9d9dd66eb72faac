package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.callback.CardAction;
import dev.larkee.callback.EventType;
import dev.larkee.callback.PlatformEvent;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import jakarta.enterprise.inject.spi.configurator.ObserverMethodConfigurator;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which observers a callback reaches, and in which order, without a container. */
class ObserverCatalogTest {

    private record Observer(String name, Type observedType, Set<Annotation> qualifiers, int priority, boolean async)
            implements ObserverMethod<Object> {
        @Override
        public Class<?> getBeanClass() {
            return Object.class;
        }

        @Override
        public Bean<?> getDeclaringBean() {
            return null;
        }

        @Override
        public Type getObservedType() {
            return observedType;
        }

        @Override
        public Set<Annotation> getObservedQualifiers() {
            return qualifiers;
        }

        @Override
        public Reception getReception() {
            return Reception.ALWAYS;
        }

        @Override
        public TransactionPhase getTransactionPhase() {
            return TransactionPhase.IN_PROGRESS;
        }

        @Override
        public int getPriority() {
            return priority;
        }

        @Override
        public void notify(EventContext<Object> context) {
        }

        @Override
        public boolean isAsync() {
            return async;
        }
    }

    private static ObserverCatalog catalogOf(Observer... observers) {
        ObserverCatalog catalog = new ObserverCatalog();
        for (Observer o : observers) {
            catalog.collect(new ProcessObserverMethod<Object, Object>() {
                @Override
                public AnnotatedMethod<Object> getAnnotatedMethod() {
                    return null;
                }

                @Override
                public ObserverMethod<Object> getObserverMethod() {
                    return o;
                }

                @Override
                public void addDefinitionError(Throwable t) {
                }

                @Override
                public void setObserverMethod(ObserverMethod<Object> observerMethod) {
                }

                @Override
                public ObserverMethodConfigurator<Object> configureObserverMethod() {
                    return null;
                }

                @Override
                public void veto() {
                }
            });
        }
        return catalog;
    }

    private static final Annotation ANY = new AnnotationLiteral<Any>() { };

    private static List<String> names(List<ObserverMethod<Object>> observers) {
        return observers.stream().map(o -> ((Observer) o).name()).toList();
    }

    @Test
    void typedObserversComeFirstThenCatchAllsEachByPriority() {
        ObserverCatalog catalog = catalogOf(
                new Observer("catch-all late", PlatformEvent.class, Set.of(ANY), 2000, false),
                new Observer("typed", PlatformEvent.class, Set.of(EventType.Literal.of("im.message.receive_v1")), 1000, false),
                new Observer("catch-all early", PlatformEvent.class, Set.of(), 10, false),
                new Observer("other type", PlatformEvent.class, Set.of(EventType.Literal.of("contact.user.created_v3")), 1, false),
                new Observer("async", PlatformEvent.class, Set.of(), 1, true),
                new Observer("card", CardAction.class, Set.of(), 1, false),
                new Observer("not a callback", String.class, Set.of(), 1, false));
        assertEquals(List.of("typed", "catch-all early", "catch-all late"),
                names(catalog.observersOf(PlatformEvent.class, "im.message.receive_v1")));
        assertEquals(List.of("catch-all early", "catch-all late"),
                names(catalog.observersOf(PlatformEvent.class, "made.up.type_" + System.nanoTime())));
        assertEquals(List.of("card"), names(catalog.observersOf(CardAction.class, null)));
        assertTrue(catalog.named("im.message.receive_v1"));
        assertFalse(catalog.named("made.up.type"));
    }
}
