package dev.larkee.callback;

/**
 * An observer asked for {@code action.value} in a shape it does not have: the platform allows a
 * component's value to be a JSON object or a string, and this one is the other kind.
 */
public class CardValueException extends IllegalStateException {
    public CardValueException(String message) {
        super(message);
    }
}
