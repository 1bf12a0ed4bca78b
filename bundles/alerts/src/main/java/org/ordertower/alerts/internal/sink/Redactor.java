package org.ordertower.alerts.internal.sink;

import java.util.Comparator;
import java.util.List;

/**
 * Takes the configured secrets (webhooks, their tokens, the signing secret, the mail password) out of a text before
 * it is logged, stored or answered: each becomes {@code ***}.
 */
public final class Redactor {
    private final List<String> secrets;

    public Redactor(List<String> secrets) {
        // longest first, so a webhook goes as a whole before its token does
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }
}
