package org.ordertower.connector.kit;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector client's HTTP exchanges: sends a {@code java.net.http} request, reads the body as UTF-8 text, and turns
 * what goes wrong on the way into the connector's exception ({@link Failure}). Timeouts, I/O failures and interrupts
 * (the thread's interrupt flag set again) are TRANSIENT; HTTP 429 is RATE_LIMITED with the answer's
 * {@code Retry-After} (or else the client's retry hint), 5xx TRANSIENT, any other status but 200 PERMANENT. Messages name the platform and the call, never a parameter: what
 * they say is the client's choice of {@link #named} or {@link #top}. The failure's code is the status with a prefix
 * ({@code "HTTP 503"} by default). Immutable and thread-safe.
 *
 * @param <E> the connector's exception
 */
public final class HttpCalls<E extends RuntimeException> {
    /** The bounds of a {@code Retry-After} taken from an answer. */
    static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    private final Logger logger = LoggerFactory.getLogger(HttpCalls.class);
    private final HttpClient http;
    private final Failure<E> failure;
    private final Wording wording;
    private final Duration retryAfter;
    private final String codePrefix;
    private final Set<Integer> alsoTransient;
    private final PlatformClock clock;

    private HttpCalls(HttpClient http, Failure<E> failure, Wording wording, Duration retryAfter, String codePrefix,
            Set<Integer> alsoTransient, PlatformClock clock) {
        this.http = http;
        this.failure = failure;
        this.wording = wording;
        this.retryAfter = retryAfter;
        this.codePrefix = codePrefix;
        this.alsoTransient = Set.copyOf(alsoTransient);
        this.clock = clock;
    }

    /**
     * Messages {@code "<platform> <call> timed out after <the request's timeout>"}, {@code "... failed: <the I/O
     * error's message>"}, {@code "... was interrupted"}, {@code "... answered HTTP <status>"}; codes
     * {@code "HTTP <status>"}.
     *
     * @param retryAfter the hint given with a 429, may be null
     */
    public static <E extends RuntimeException> HttpCalls<E> named(String platform, HttpClient http, Failure<E> failure,
            Duration retryAfter) {
        return new HttpCalls<>(http, failure, new Named(platform), retryAfter, "HTTP ", Set.of(), null);
    }

    /**
     * The wording of the TOP gateway clients (Taobao, Cainiao): {@code "TOP <call> failed: <the I/O error>"} (a
     * timeout included), {@code "interrupted while calling TOP <call>"}, {@code "TOP <call> answered HTTP <status>"};
     * codes are the bare status.
     */
    public static <E extends RuntimeException> HttpCalls<E> top(HttpClient http, Failure<E> failure,
            Duration retryAfter) {
        return new HttpCalls<>(http, failure, new Top(), retryAfter, "", Set.of(), null);
    }

    /** The same, with failure codes {@code prefix + status}. */
    public HttpCalls<E> withStatusCodePrefix(String prefix) {
        return new HttpCalls<>(http, failure, wording, retryAfter, prefix, alsoTransient, clock);
    }

    /** The same, feeding {@code platform} the {@code Date} header of every answer ({@link PlatformClock#observeDate}). */
    public HttpCalls<E> withClock(PlatformClock platform) {
        return new HttpCalls<>(http, failure, wording, retryAfter, codePrefix, alsoTransient, platform);
    }

    /** The same, with one more status below 500 that is TRANSIENT (JOS: 408). */
    public HttpCalls<E> withTransientStatus(int status) {
        Set<Integer> statuses = new HashSet<>(alsoTransient);
        statuses.add(status);
        return new HttpCalls<>(http, failure, wording, retryAfter, codePrefix, statuses, clock);
    }

    /** Sends {@code request}; answers whatever status came back. {@code call} names it in messages. */
    public HttpResponse<String> send(HttpRequest request, String call) {
        try {
            if (clock == null) {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            java.time.Instant sent = clock.local();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            clock.observeDate(response.headers().firstValue("Date").orElse(null), sent, clock.local());
            return response;
        } catch (IOException e) {
            String message = wording.failed(call, e, request.timeout().map(Duration::toString).orElse("the default"));
            logger.debug("{}", message);
            throw failure.transientFailure(message, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.transientFailure(wording.interrupted(call), null, e);
        }
    }

    /** {@link #send}, then {@link #requireOk}: a 429 waits as its {@code Retry-After} says. */
    public HttpResponse<String> exchange(HttpRequest request, String call) {
        HttpResponse<String> response = send(request, call);
        rejectRetryable(call, response);
        if (response.statusCode() != 200) {
            throw unexpectedStatus(call, response.statusCode());
        }
        return response;
    }

    /**
     * {@link #rejectRetryable(String, int)}, a 429's hint taken from the answer's {@code Retry-After} (seconds, or an
     * HTTP date read against the answer's {@code Date}), held between 1 s and 1 h; without one, or with one that cannot
     * be read, the client's hint.
     */
    public void rejectRetryable(String call, HttpResponse<?> response) {
        int status = response.statusCode();
        if (status == 429) {
            throw failure.rateLimited(wording.answered(call, status), codePrefix + status, retryAfter(response, retryAfter));
        }
        rejectRetryable(call, status);
    }

    /** What an answer's {@code Retry-After} asks for; {@code otherwise} when it has none that can be read. */
    static Duration retryAfter(HttpResponse<?> response, Duration otherwise) {
        String value = response.headers().firstValue("Retry-After").map(String::strip).orElse("");
        if (value.isEmpty()) {
            return otherwise;
        }
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            wait = value.length() > 7 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(value));
        } else {
            java.time.Instant at = PlatformClock.httpDate(value);
            if (at == null) {
                return otherwise;
            }
            java.time.Instant now = PlatformClock.httpDate(response.headers().firstValue("Date").orElse(null));
            wait = Duration.between(now == null ? java.time.Instant.now() : now, at);
        }
        return wait.compareTo(MIN_RETRY_AFTER) < 0 ? MIN_RETRY_AFTER
                : wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    /** Throws for any status but 200: 429 and 5xx as {@link #rejectRetryable} does, the rest PERMANENT. */
    public void requireOk(String call, int status) {
        rejectRetryable(call, status);
        if (status != 200) {
            throw unexpectedStatus(call, status);
        }
    }

    /** Throws for 429 (RATE_LIMITED) and 5xx (TRANSIENT) only, for clients that read the body of other statuses. */
    public void rejectRetryable(String call, int status) {
        if (status == 429) {
            throw failure.rateLimited(wording.answered(call, status), codePrefix + status, retryAfter);
        }
        if (status >= 500 || alsoTransient.contains(status)) {
            throw failure.transientFailure(wording.answered(call, status), codePrefix + status, null);
        }
    }

    /** The PERMANENT failure for a status the call can't go on with. */
    public E unexpectedStatus(String call, int status) {
        return failure.permanent(wording.answered(call, status), codePrefix + status);
    }

    /** What the messages say. */
    private interface Wording {
        String failed(String call, IOException e, String timeout);

        String interrupted(String call);

        String answered(String call, int status);
    }

    private record Named(String platform) implements Wording {
        @Override
        public String failed(String call, IOException e, String timeout) {
            return e instanceof HttpTimeoutException ? platform + " " + call + " timed out after " + timeout
                    : platform + " " + call + " failed: " + e.getMessage();
        }

        @Override
        public String interrupted(String call) {
            return platform + " " + call + " was interrupted";
        }

        @Override
        public String answered(String call, int status) {
            return platform + " " + call + " answered HTTP " + status;
        }
    }

    private record Top() implements Wording {
        @Override
        public String failed(String call, IOException e, String timeout) {
            return "TOP " + call + " failed: " + e;
        }

        @Override
        public String interrupted(String call) {
            return "interrupted while calling TOP " + call;
        }

        @Override
        public String answered(String call, int status) {
            return "TOP " + call + " answered HTTP " + status;
        }
    }
}
