package dev.larkee.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform's webhook side: POSTs a body to one of the targets in turn (round robin over the
 * instances behind the app's request URL) and, when an attempt fails (no connection, timeout,
 * non-2xx), tries the next target after the next pause of the retry schedule. Requests run
 * asynchronously; nothing blocks a caller or a timer thread.
 */
final class WebhookPoster {

    /** Of an answer's body, only this much is kept in the outcome. */
    static final int MAX_KEPT_BODY_CHARS = 4096;

    private final HttpClient http;
    private final ScheduledExecutorService timers;
    private final List<Duration> retrySchedule;
    private final Duration timeout;
    private final AtomicInteger nextTarget = new AtomicInteger();
    private volatile List<URI> targets = List.of();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    /** Posts not finished yet, failed by {@link #close()} so no caller waits forever. */
    private final Set<CompletableFuture<WebhookOutcome>> unfinished = ConcurrentHashMap.newKeySet();

    WebhookPoster(ExecutorService httpThreads, ScheduledExecutorService timers, List<Duration> retrySchedule,
            Duration timeout) {
        this.http = HttpClient.newBuilder().executor(httpThreads).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timers = timers;
        this.retrySchedule = List.copyOf(retrySchedule);
        this.timeout = timeout;
    }

    void targets(List<URI> targets) {
        targets.forEach(t -> {
            if (!"http".equals(t.getScheme()) && !"https".equals(t.getScheme())) {
                throw new IllegalArgumentException("webhook target must be http(s): " + t);
            }
        });
        this.targets = List.copyOf(targets);
    }

    /**
     * @throws IllegalStateException    when no target is set
     * @throws IllegalArgumentException when a header is one HttpClient sets itself (Host, Content-Length, …)
     */
    CompletableFuture<WebhookOutcome> post(String body, Map<String, String> headers) {
        Objects.requireNonNull(body, "body");
        if (targets.isEmpty()) {
            throw new IllegalStateException("no webhook target set");
        }
        // Built once up front, so a bad header fails the call instead of a later retry.
        HttpRequest.Builder template = HttpRequest.newBuilder().timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json; charset=utf-8");
        headers.forEach(template::setHeader);
        posts.incrementAndGet();
        CompletableFuture<WebhookOutcome> outcome = new CompletableFuture<>();
        unfinished.add(outcome);
        outcome.whenComplete((o, e) -> unfinished.remove(outcome));
        attempt(template, nextTarget.getAndIncrement(), 0, new ArrayList<>(), outcome);
        return outcome.copy();
    }

    /** Fails the posts still under way; their retries find the timers shut down and stop. */
    void close() {
        for (CompletableFuture<WebhookOutcome> o : List.copyOf(unfinished)) {
            o.completeExceptionally(new IllegalStateException("the simulator closed before the webhook was delivered"));
        }
    }

    WebhookStats stats() {
        return new WebhookStats(posts.get(), attempts.get(), failures.get(), delivered.get(), abandoned.get());
    }

    /** Attempt number {@code n} (0 first) goes to the target {@code n} places after {@code start}. */
    private void attempt(HttpRequest.Builder template, int start, int n, List<WebhookAttempt> done,
            CompletableFuture<WebhookOutcome> outcome) {
        if (outcome.isDone()) { // closed meanwhile
            return;
        }
        List<URI> now = targets;
        if (now.isEmpty()) {
            throw new IllegalStateException("no webhook target set");
        } // targets may change between retries: always the current list
        URI target = now.get(Math.floorMod(start + n, now.size()));
        attempts.incrementAndGet();
        long began = System.nanoTime();
        http.sendAsync(template.copy().uri(target).build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - began);
                    WebhookAttempt a = response != null
                            ? new WebhookAttempt(target, response.statusCode(), null, took)
                            : new WebhookAttempt(target, -1, describe(failure), took);
                    done.add(a);
                    String body = response == null ? null : truncate(response.body());
                    if (a.succeeded()) {
                        delivered.incrementAndGet();
                        outcome.complete(new WebhookOutcome(true, done, body));
                        return;
                    }
                    failures.incrementAndGet();
                    if (n >= retrySchedule.size()) {
                        abandoned.incrementAndGet();
                        outcome.complete(new WebhookOutcome(false, done, body));
                        return;
                    }
                    try {
                        timers.schedule(() -> {
                            try {
                                attempt(template, start, n + 1, done, outcome);
                            } catch (RuntimeException e) { // e.g. the target list was emptied meanwhile
                                outcome.completeExceptionally(e);
                            }
                        }, retrySchedule.get(n).toNanos(), TimeUnit.NANOSECONDS);
                    } catch (RuntimeException closed) { // the simulator shut its timers down
                        abandoned.incrementAndGet();
                        outcome.complete(new WebhookOutcome(false, done, body));
                    }
                });
    }

    private static String describe(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_KEPT_BODY_CHARS ? s : s.substring(0, MAX_KEPT_BODY_CHARS);
    }
}
