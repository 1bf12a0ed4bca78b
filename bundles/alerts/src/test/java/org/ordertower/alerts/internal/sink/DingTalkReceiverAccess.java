package org.ordertower.alerts.internal.sink;

import java.io.IOException;

/** The DingTalk receiver for tests in other packages. */
public final class DingTalkReceiverAccess implements AutoCloseable {
    private final DingTalkReceiver receiver;

    public DingTalkReceiverAccess(String token, String secret) throws IOException {
        this.receiver = new DingTalkReceiver(token, secret);
    }

    public String webhook() {
        return receiver.webhook();
    }

    public int accepted() {
        return receiver.accepted.size();
    }

    public String acceptedText(int i) {
        return receiver.accepted.get(i).at("/markdown/text").asText();
    }

    public void failNextWith500(int n) {
        receiver.fail500.set(n);
    }

    @Override
    public void close() {
        receiver.close();
    }
}
