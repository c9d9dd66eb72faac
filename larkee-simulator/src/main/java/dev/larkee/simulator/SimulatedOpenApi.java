package dev.larkee.simulator;

import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The platform's open API as the simulator plays it (spec open-api): tenant access tokens for the
 * app's credentials (a new one only when the current one has less than 30 minutes left), and card
 * updates with the platform's checks: a valid bearer token, a card token the simulator handed out in
 * a callback, at most 2 updates within its 30 minutes, a card of at most 30 KB, 50 updates a second.
 * Its codes for card-token and size refusals are the simulator's own; the token and rate-limit codes
 * are the platform's. Scenario controls for tests; every update is kept for the test kit and the console.
 */
@ApplicationScoped
public class SimulatedOpenApi {

    /**
     * Made once: {@code Json.createReader} looks the JSON-P provider up with a class-path scan per call,
     * which on every push was the simulator's largest cost in the long-connection benchmark.
     */
    private static final jakarta.json.JsonReaderFactory JSON = Json.createReaderFactory(java.util.Map.of());

    /** The platform's code for an invalid tenant access token. */
    public static final long INVALID_TENANT_TOKEN = 99991663L;
    /** The platform's code for "request trigger frequency limit". */
    public static final long RATE_LIMITED = 99991400L;
    /** The simulator's codes for the card-update refusals. */
    public static final long APP_CREDENTIALS_INVALID = 10014L;
    public static final long CARD_TOKEN_INVALID = 300001L;
    public static final long CARD_TOKEN_EXPIRED = 300002L;
    public static final long CARD_TOKEN_USED_UP = 300003L;
    public static final long CARD_TOO_LARGE = 300004L;
    public static final long CARD_MALFORMED = 300005L;

    static final Duration CARD_TOKEN_LIFE = Duration.ofMinutes(30);
    static final int CARD_TOKEN_USES = 2;
    static final int MAX_CARD_BYTES = 30 * 1024;
    static final int PER_SECOND = 50;
    static final int MAX_RECORDS = 1000;

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    ExchangeLog log;

    private final Clock clock = Clock.systemUTC();
    private final Object monitor = new Object();
    private final Map<String, Instant> tenantTokens = new LinkedHashMap<>();
    private final Map<String, CardToken> cardTokens = new LinkedHashMap<>();
    private final List<CardUpdateRecord> updates = new ArrayList<>();
    private final Deque<Instant> lastSecond = new ArrayDeque<>();
    private long tokenRequests;
    private long updateCalls;
    private long tokenLifeSeconds = 7200;
    private int rateLimitedLeft;
    private int serverErrorsLeft;
    private int failuresLeft;
    private long failureCode;
    private String failureMsg = "";

    private static final class CardToken {
        final Instant issuedAt;
        int uses;

        CardToken(Instant issuedAt) {
            this.issuedAt = issuedAt;
        }
    }

    /** A card update the simulated platform took: the card as it now stands, and when it arrived. */
    public record CardUpdateRecord(String cardToken, JsonObject card, Instant at, long nanos) {
    }

    /** What the endpoint answers. */
    record Reply(int status, JsonObject body) {
    }

    // --- What the simulator delivers: card tokens it will accept later ---

    /** Notes the card token of a {@code card.action.trigger} the simulator is about to deliver. */
    void sawCallback(JsonObject plaintext) {
        JsonObject event = plaintext.get("event") instanceof JsonObject e ? e : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject header = plaintext.get("header") instanceof JsonObject h ? h : JsonValue.EMPTY_JSON_OBJECT;
        if (header.get("event_type") instanceof JsonString t && t.getString().equals("card.action.trigger")
                && event.get("token") instanceof JsonString token) {
            issued(token.getString());
        }
    }

    /** The same for a payload pushed over the long connection. */
    void sawPush(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (!text.contains("card.action.trigger")) {
            return;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            if (reader.readValue() instanceof JsonObject o) {
                sawCallback(o);
            }
        } catch (RuntimeException e) {
            // a malformed push (a test of larkee's parser): no card token to note
        }
    }

    /** Accepts {@code cardToken} for updates from now on, as if its callback had just been delivered. */
    public void issued(String cardToken) {
        synchronized (monitor) {
            cardTokens.put(cardToken, new CardToken(clock.instant()));
            if (cardTokens.size() > 100_000) {
                cardTokens.remove(cardTokens.keySet().iterator().next());
            }
        }
    }

    // --- Scenario controls ---

    /** Tenant tokens issued from now on live {@code seconds} (the platform's 7200 by default). */
    public void tenantTokenLife(long seconds) {
        synchronized (monitor) {
            tokenLifeSeconds = seconds;
        }
    }

    /** Every tenant token issued so far stops being valid (an API then answers 99991663). */
    public void revokeTenantTokens() {
        synchronized (monitor) {
            tenantTokens.clear();
        }
    }

    /** The next {@code times} update calls are answered "rate limited" (99991400). */
    public void rateLimitUpdates(int times) {
        synchronized (monitor) {
            rateLimitedLeft = times;
        }
    }

    /** The next {@code times} update calls are answered HTTP 500. */
    public void failUpdatesWithServerError(int times) {
        synchronized (monitor) {
            serverErrorsLeft = times;
        }
    }

    /** The next {@code times} update calls are refused with {@code code} and {@code msg}. */
    public void refuseUpdates(long code, String msg, int times) {
        synchronized (monitor) {
            failureCode = code;
            failureMsg = msg;
            failuresLeft = times;
        }
    }

    /** Makes {@code cardToken} as old as {@code age} (to test its 30 minutes). */
    public void age(String cardToken, Duration age) {
        synchronized (monitor) {
            cardTokens.put(cardToken, new CardToken(clock.instant().minus(age)));
        }
    }

    public long tokenRequests() {
        synchronized (monitor) {
            return tokenRequests;
        }
    }

    public long updateCalls() {
        synchronized (monitor) {
            return updateCalls;
        }
    }

    /** The card updates taken so far, oldest first. */
    public List<CardUpdateRecord> updates() {
        synchronized (monitor) {
            return List.copyOf(updates);
        }
    }

    /** Waits (at most {@code timeout}) for an update of {@code cardToken}; the latest one. */
    public Optional<CardUpdateRecord> awaitUpdate(String cardToken, Duration timeout) throws InterruptedException {
        return await(r -> r.cardToken().equals(cardToken), timeout);
    }

    private Optional<CardUpdateRecord> await(Predicate<CardUpdateRecord> wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (true) {
                for (int i = updates.size() - 1; i >= 0; i--) {
                    if (wanted.test(updates.get(i))) {
                        return Optional.of(updates.get(i));
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Back to the platform's defaults; tokens and records forgotten. */
    public void reset() {
        synchronized (monitor) {
            tenantTokens.clear();
            cardTokens.clear();
            updates.clear();
            lastSecond.clear();
            tokenRequests = 0;
            updateCalls = 0;
            tokenLifeSeconds = 7200;
            rateLimitedLeft = 0;
            serverErrorsLeft = 0;
            failuresLeft = 0;
        }
    }

    // --- The endpoints ---

    Reply tenantAccessToken(JsonObject body) {
        synchronized (monitor) {
            tokenRequests++;
            if (!(body.get("app_id") instanceof JsonString id) || !id.getString().equals(configuration.appId())
                    || !(body.get("app_secret") instanceof JsonString secret)
                    || !secret.getString().equals(configuration.appSecret().reveal())) {
                return answer(200, APP_CREDENTIALS_INVALID, "app_id or app_secret is invalid");
            }
            Instant now = clock.instant();
            tenantTokens.values().removeIf(expiry -> !expiry.isAfter(now));
            // The platform's rule: the same token while 30 minutes or more are left, else a new one.
            Optional<Map.Entry<String, Instant>> fresh = tenantTokens.entrySet().stream()
                    .filter(e -> Duration.between(now, e.getValue()).compareTo(Duration.ofMinutes(30)) >= 0)
                    .findFirst();
            String token;
            Instant expiry;
            if (fresh.isPresent()) {
                token = fresh.get().getKey();
                expiry = fresh.get().getValue();
            } else {
                token = "t-" + HexFormat.of().formatHex(random(20));
                expiry = now.plusSeconds(tokenLifeSeconds);
                tenantTokens.put(token, expiry);
            }
            return new Reply(200, Json.createObjectBuilder().add("code", 0).add("msg", "ok")
                    .add("tenant_access_token", token).add("expire", Duration.between(now, expiry).toSeconds()).build());
        }
    }

    Reply updateCard(String authorization, JsonObject body) {
        synchronized (monitor) {
            updateCalls++;
            Instant now = clock.instant();
            String bearer = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
            Instant expiry = tenantTokens.get(bearer);
            if (expiry == null || !expiry.isAfter(now)) {
                return answer(200, INVALID_TENANT_TOKEN, "Invalid access token for authorization");
            }
            while (!lastSecond.isEmpty() && !lastSecond.peekFirst().isAfter(now.minusSeconds(1))) {
                lastSecond.removeFirst();
            }
            if (rateLimitedLeft > 0 || lastSecond.size() >= PER_SECOND) {
                rateLimitedLeft = Math.max(0, rateLimitedLeft - 1);
                return answer(400, RATE_LIMITED, "request trigger frequency limit");
            }
            lastSecond.addLast(now);
            if (serverErrorsLeft > 0) {
                serverErrorsLeft--;
                return answer(500, -1, "internal error");
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                return answer(200, failureCode, failureMsg);
            }
            if (!(body.get("token") instanceof JsonString cardToken) || !(body.get("card") instanceof JsonObject card)) {
                return answer(200, CARD_MALFORMED, "token and card are required");
            }
            CardToken state = cardTokens.get(cardToken.getString());
            if (state == null) {
                return answer(200, CARD_TOKEN_INVALID, "card token is invalid");
            }
            if (!now.isBefore(state.issuedAt.plus(CARD_TOKEN_LIFE))) {
                return answer(200, CARD_TOKEN_EXPIRED, "card token expired");
            }
            if (state.uses >= CARD_TOKEN_USES) {
                return answer(200, CARD_TOKEN_USED_UP, "card token was used up");
            }
            if (card.toString().getBytes(StandardCharsets.UTF_8).length > MAX_CARD_BYTES) {
                return answer(200, CARD_TOO_LARGE, "card content exceeds the size limit");
            }
            state.uses++;
            CardUpdateRecord taken = new CardUpdateRecord(cardToken.getString(), card, now, System.nanoTime());
            updates.add(taken);
            if (updates.size() > MAX_RECORDS) {
                updates.remove(0);
            }
            // In the console's list before anyone waiting for the update is woken.
            log.add(new Exchange(taken.at(), "open-api", "card.update", "", 0, taken.card().toString(), 0, null));
            monitor.notifyAll();
        }
        return answer(200, 0, "success");
    }

    private static Reply answer(int status, long code, String msg) {
        return new Reply(status, Json.createObjectBuilder().add("code", code).add("msg", msg).build());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
