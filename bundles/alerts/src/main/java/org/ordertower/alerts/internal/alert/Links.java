package org.ordertower.alerts.internal.alert;

/** Links into the web console: {@code console.url} and a page's fragment. */
public final class Links {
    private final String base;

    /** @param consoleUrl the console's address; a missing final slash is added */
    public Links(String consoleUrl) {
        this.base = consoleUrl.endsWith("/") ? consoleUrl : consoleUrl + "/";
    }

    /** The console's front page. */
    public String console() {
        return base;
    }

    /** @param fragment such as {@code #/orders/1001} */
    public String at(String fragment) {
        return base + fragment;
    }

    public String stock(String sku) {
        return at("#/stock?sku=" + java.net.URLEncoder.encode(sku, java.nio.charset.StandardCharsets.UTF_8));
    }

    public String order(long orderId) {
        return at("#/orders/" + orderId);
    }

    public String review() {
        return at("#/review");
    }

    public String overview() {
        return at("#/overview");
    }
}
