package dev.larkee.configuration;

/** A {@code larkee.*} setting with a missing or bad value; the message names the key, never a secret value. */
public class InvalidConfigurationException extends RuntimeException {

    private final String key;

    public InvalidConfigurationException(String key, String problem) {
        super("larkee configuration: " + key + " " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
