package dev.larkee.openapi;

import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.configuration.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * The app's tenant access token (spec open-api §1), cached: asked for again only when less than 30
 * minutes of it are left (the platform then issues a new one, both stay valid), or once after an API
 * said it is invalid. However many callers want it at once, one request is in flight. The token is a
 * {@link Secret}: never logged, never in an error.
 */
@ApplicationScoped
public class TenantToken {

    static final String PATH = "/open-apis/auth/v3/tenant_access_token/internal";
    /** Refresh when less than this is left: the platform's own threshold for issuing a new token. */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(30);

    private static final Logger LOG = Logger.getLogger(TenantToken.class.getName());

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    OpenApi openApi;

    @Inject
    OpenApiStatistics statistics;

    @Inject
    Clock clock;

    private record Token(Secret value, Instant expiresAt) {
    }

    private Token current;
    private CompletableFuture<Secret> refreshing;

    /** A token with at least 30 minutes left, from the cache or from one shared refresh. */
    public CompletableFuture<Secret> get() {
        synchronized (this) {
            if (current != null && Duration.between(clock.instant(), current.expiresAt()).compareTo(REFRESH_BEFORE) >= 0) {
                return CompletableFuture.completedFuture(current.value());
            }
            return refresh();
        }
    }

    /**
     * The platform said {@code rejected} is invalid: a fresh one, unless another caller already got a
     * newer token (then that one). One refresh, however many callers saw the rejection.
     */
    public CompletableFuture<Secret> replace(Secret rejected) {
        synchronized (this) {
            if (current != null && !current.value().equals(rejected)) {
                return CompletableFuture.completedFuture(current.value());
            }
            current = null;
            return refresh();
        }
    }

    /** Called with the monitor held: joins the refresh in flight, or starts one. */
    private CompletableFuture<Secret> refresh() {
        if (refreshing != null) {
            return refreshing;
        }
        statistics.tokenRefreshes.increment();
        JsonObject body = Json.createObjectBuilder().add("app_id", configuration.appId())
                .add("app_secret", configuration.appSecret().reveal()).build();
        CompletableFuture<Secret> next = openApi.post(PATH, body, null).thenApply(answer -> {
            if (answer.code() != 0 || !(answer.body().get("tenant_access_token") instanceof JsonString token)
                    || !(answer.body().get("expire") instanceof JsonNumber expire)) {
                statistics.tokenFailures.increment();
                throw new CompletionException(new TokenRefused(answer.status(), answer.code(), answer.msg()));
            }
            Token fresh = new Token(Secret.of(token.getString()), clock.instant().plusSeconds(expire.longValue()));
            synchronized (this) {
                current = fresh;
            }
            LOG.fine(() -> "larkee: tenant access token refreshed; valid " + expire.longValue() + " s");
            return fresh.value();
        });
        refreshing = next;
        next.whenComplete((token, failure) -> {
            synchronized (this) {
                if (refreshing == next) {
                    refreshing = null;
                }
            }
        });
        return next;
    }

    /** The platform refused to issue a token (wrong secret, say): its code and message, no secret. */
    public static final class TokenRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long code;

        TokenRefused(int status, long code, String msg) {
            super("the platform refused a tenant access token: HTTP " + status + ", code " + code
                    + (msg.isEmpty() ? "" : " (" + msg + ")"));
            this.code = code;
        }

        public long code() {
            return code;
        }
    }
}
