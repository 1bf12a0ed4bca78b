package org.ordertower.api;

import java.util.List;

/** An order that breaks the model's invariants; nothing of it was stored. */
public class InvalidOrderException extends OrderTowerException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidOrderException(List<String> problems) {
        super("invalid order: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
