package org.ordertower.wms.qimen.internal.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.connector.kit.Failure;
import org.ordertower.connector.kit.HttpCalls;
import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.connector.kit.Xml;
import org.ordertower.wms.qimen.internal.QimenConstants;
import org.ordertower.wms.qimen.internal.QimenSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Calls the Qimen router: the system parameters (method, timestamp GMT+8, format xml, app_key, v 2.0, sign_method,
 * customerId, sign; empty ones left out, as the SDK does) in the query string, the business request as the XML body
 * ({@code text/xml}, UTF-8), and reads the {@code <response><flag/><code/><message/>...} answer. The one place that
 * turns HTTP statuses and Qimen's answer codes into {@link PartnerException.Kind}s. Obeys the account's rate, waiting
 * at most {@link #MAX_WAIT}. Thread-safe.
 */
public final class QimenClient {
    /** The longest wait for a rate permit before RATE_LIMITED. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /** Qimen gives no retry hint; one second is the limiter's period. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Logger logger = LoggerFactory.getLogger(QimenClient.class);
    private final QimenSettings settings;
    private final HttpCalls<PartnerException> calls;
    private final RateLimiter bucket;

    public QimenClient(QimenSettings settings) {
        this.settings = settings;
        this.calls = HttpCalls.named("qimen", HttpClient.newBuilder().connectTimeout(settings.timeout()).build(),
                Failure.partner(), RETRY_AFTER);
        this.bucket = new RateLimiter(settings.ratePerSecond(), Math.max(1, settings.ratePerSecond()));
    }

    /** A successful answer: its root element and whether the WMS flagged it with a code (a repeat, say). */
    public record Answer(Element response, String code, String message) {
    }

    /**
     * Sends one call.
     *
     * @return the answer when its flag is success
     * @throws QimenFailure (a PartnerException) when the flag is failure, carrying the WMS's code
     */
    public Answer call(String method, String body) {
        permit(method);
        Map<String, String> query = query(method);
        query.put(QimenConstants.P_SIGN, QimenSigner.sign(settings.appSecret(), settings.signMethod(), query, body));
        String url = settings.gatewayUrl() + "?" + query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.timeout())
                .header("Content-Type", "text/xml;charset=utf-8").header("Accept", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return answer(method, calls.exchange(request, method).body());
    }

    /**
     * The system parameters of one call, unsigned. A parameter with an empty value is left out of the request (and so
     * of the signature), as the SDK's {@code TaobaoHashMap.put} drops it: the router signs and checks only non-empty
     * pairs, so sending one would at best be noise.
     */
    Map<String, String> query(String method) {
        Map<String, String> query = new TreeMap<>();
        put(query, QimenConstants.P_METHOD, method);
        put(query, QimenConstants.P_TIMESTAMP, QimenConstants.TIME.format(settings.clock().instant()));
        put(query, QimenConstants.P_FORMAT, QimenConstants.FORMAT);
        put(query, QimenConstants.P_APP_KEY, settings.appKey());
        put(query, QimenConstants.P_VERSION, QimenConstants.VERSION);
        put(query, QimenConstants.P_SIGN_METHOD, settings.signMethod());
        put(query, QimenConstants.P_CUSTOMER_ID, settings.customerId());
        return query;
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null && !value.isEmpty()) {
            query.put(name, value);
        }
    }

    /**
     * Reads the router's answer. A body that is not XML (cut short by a dropped connection, or a gateway's or proxy's
     * page) is TRANSIENT: the call may have taken effect, and its retry meets what it did (a create answers the
     * existing order).
     */
    private Answer answer(String method, String body) {
        Element root;
        try {
            root = Xml.parse(body);
        } catch (Xml.XmlException e) {
            throw new PartnerException(Kind.TRANSIENT, "qimen " + method
                    + " answered a truncated or malformed body (no readable XML): " + e.getMessage(), null, null, e);
        }
        if (!"response".equals(root.getTagName())) {
            throw new PartnerException(Kind.TRANSIENT, "qimen " + method + " answered <" + root.getTagName()
                    + "> instead of <response>", null, null, null);
        }
        String flag = Xml.text(root, "flag");
        String code = Xml.text(root, "code");
        String message = Xml.text(root, "message");
        if ("success".equalsIgnoreCase(flag)) {
            return new Answer(root, code, message);
        }
        if (!"failure".equalsIgnoreCase(flag)) {
            throw new PartnerException(Kind.TRANSIENT, "qimen " + method + " answered flag '" + flag
                    + "' (neither success nor failure)", code, null, null);
        }
        Kind kind = kindOf(code);
        logger.debug("qimen {} refused: {} {}", method, code, message);
        String hint = QimenConstants.CODE_TIMESTAMP.equals(code) ? " (check this host's clock)" : "";
        throw new QimenFailure(kind, "qimen " + method + " failed: " + code + " " + message + hint, code, root,
                kind == Kind.RATE_LIMITED ? RETRY_AFTER : null);
    }

    /** Qimen answer codes to kinds; anything unknown is PERMANENT (the WMS refused the document). */
    static Kind kindOf(String code) {
        if (code == null) {
            return Kind.PERMANENT;
        }
        if (QimenConstants.AUTH_CODES.contains(code)) {
            return Kind.AUTH;
        }
        if (QimenConstants.CODE_RATE.equals(code)) {
            return Kind.RATE_LIMITED;
        }
        if (QimenConstants.CODE_BUSY.equals(code) || code.startsWith("isp.")) {
            return Kind.TRANSIENT;
        }
        return Kind.PERMANENT;
    }

    private void permit(String method) {
        try {
            if (!bucket.acquire(MAX_WAIT)) {
                throw new PartnerException(Kind.RATE_LIMITED, "qimen " + method + ": the connector's own rate limit for "
                        + settings.customerId() + " is exhausted", null, RETRY_AFTER, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerException(Kind.TRANSIENT, "qimen " + method + " was interrupted", null, null, e);
        }
    }

    /** A failure answer: the WMS's code and its whole response (some failures carry ids, a repeat say). */
    public static final class QimenFailure extends PartnerException {
        private static final long serialVersionUID = 1L;
        private final transient Element response;

        QimenFailure(Kind kind, String message, String code, Element response, Duration retryAfter) {
            super(kind, message, code, retryAfter, null);
            this.response = response;
        }

        public Element response() {
            return response;
        }
    }
}
