package dev.larkee.callback;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects events by type: {@code void on(@Observes @EventType("im.message.receive_v1") PlatformEvent e)}
 * for a schema 2.0 event, {@code @EventType("out_approval") CustomizedEvent} for a v1 one. An
 * observer without the qualifier receives every event of its Java type (a catch-all).
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface EventType {

    /** {@code header.event_type} of a v2 event, or {@code event.type} of a v1 event. */
    String value();

    /** For {@code Event.select(...)} and {@code BeanManager} look-ups. */
    final class Literal extends AnnotationLiteral<EventType> implements EventType {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
