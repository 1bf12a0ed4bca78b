package org.ordertower.sim.kit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulator's callback sender: POSTs each push to its URL and, until the receiver answers with the partner's
 * success shape ({@link Acceptance}), sends it again after a pause that doubles each time, at most
 * {@code attempts} times. On demand it sends every push twice ({@code duplicate}) or holds pushes for a moment and
 * sends them in a shuffled order ({@code shuffle}). Every attempt is recorded (the last {@link #KEPT_ATTEMPTS}).
 * Counters on the server: pushesSent, pushesDelivered, pushRetries, pushesFailed. What a push looks like (its body,
 * signature headers) and what the receiver must answer are the platform's, and stay in its simulator. Thread-safe.
 */
public final class SimPusher implements AutoCloseable {
    /** How many attempts {@link #attempts()} keeps. */
    public static final int KEPT_ATTEMPTS = 10_000;

    /** One push: where, what, and a key tests can find it by. */
    public record Push(String key, String url, String contentType, String body, Map<String, String> headers) {
    }

    /** One attempt and how the receiver answered (status -1 when it could not be reached). */
    public record Attempt(Push push, int attempt, int status, String answer, boolean accepted, Instant at) {
    }

    /** Decides whether the receiver's answer is the partner's success shape. */
    @FunctionalInterface
    public interface Acceptance {
        boolean accepted(int status, String body);
    }

    private final SimServer counters;
    private final Acceptance acceptance;
    private final int attempts;
    private final long retryMillis;
    private final boolean duplicate;
    private final boolean shuffle;
    private final Random random;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService executor;
    private final List<Push> held = new ArrayList<>();
    private final Deque<Attempt> log = new ArrayDeque<>();

    /** A pusher whose receiver has 10 seconds to answer each attempt. */
    public SimPusher(String name, SimServer counters, Acceptance acceptance, int attempts, long retryMillis,
            boolean duplicate, boolean shuffle, long seed) {
        this(name, counters, acceptance, attempts, retryMillis, duplicate, shuffle, seed, Duration.ofSeconds(10));
    }

    /**
     * @param name the sender thread's name
     * @param counters where the counters go
     * @param attempts how many times a push is tried at most, at least 1
     * @param retryMillis the first pause before a retry, real milliseconds
     * @param timeout how long the receiver has to answer one attempt
     */
    public SimPusher(String name, SimServer counters, Acceptance acceptance, int attempts, long retryMillis,
            boolean duplicate, boolean shuffle, long seed, Duration timeout) {
        if (attempts < 1 || retryMillis < 1) {
            throw new IllegalArgumentException("pushAttempts and pushRetryMillis must be at least 1");
        }
        this.counters = counters;
        this.acceptance = acceptance;
        this.attempts = attempts;
        this.retryMillis = retryMillis;
        this.duplicate = duplicate;
        this.shuffle = shuffle;
        this.random = new Random(seed);
        this.timeout = timeout;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        if (shuffle) {
            executor.scheduleWithFixedDelay(this::flushShuffled, 300, 300, TimeUnit.MILLISECONDS);
        }
    }

    /** Queues a push (twice when duplicating). */
    public void submit(Push push) {
        int copies = duplicate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            if (shuffle) {
                synchronized (held) {
                    held.add(push);
                }
            } else {
                executor.execute(() -> deliver(push, 1));
            }
        }
    }

    /** Sends a push once, now, whatever the duplicate and shuffle switches say (retried as any other). */
    public void submitOnce(Push push) {
        executor.execute(() -> deliver(push, 1));
    }

    /** Every attempt so far (the last {@link #KEPT_ATTEMPTS}), oldest first. */
    public List<Attempt> attempts() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private void flushShuffled() {
        List<Push> batch;
        synchronized (held) {
            batch = new ArrayList<>(held);
            held.clear();
        }
        Collections.shuffle(batch, random);
        batch.forEach(p -> deliver(p, 1));
    }

    private void deliver(Push push, int attempt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(push.url())).timeout(timeout)
                .header("Content-Type", push.contentType());
        push.headers().forEach(b::header);
        int status = -1;
        String answer = "";
        try {
            HttpResponse<String> r = http.send(b.POST(HttpRequest.BodyPublishers.ofString(push.body(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            status = r.statusCode();
            answer = r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            answer = e.toString();
        }
        boolean ok = status >= 0 && acceptance.accepted(status, answer);
        synchronized (log) {
            log.addLast(new Attempt(push, attempt, status, answer, ok, Instant.now()));
            if (log.size() > KEPT_ATTEMPTS) {
                log.removeFirst();
            }
        }
        counters.count("pushesSent", 1);
        if (ok) {
            counters.count("pushesDelivered", 1);
        } else if (attempt < attempts) {
            counters.count("pushRetries", 1);
            long pause = retryMillis << Math.min(attempt - 1, 20);
            executor.schedule(() -> deliver(push, attempt + 1), pause, TimeUnit.MILLISECONDS);
        } else {
            counters.count("pushesFailed", 1);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
