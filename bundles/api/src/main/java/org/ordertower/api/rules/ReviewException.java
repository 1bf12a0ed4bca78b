package org.ordertower.api.rules;

import org.ordertower.api.OrderTowerException;

/** A review decision that was refused (wrong status, claimed by someone else, no reason, no right); nothing changed. */
public class ReviewException extends OrderTowerException {
    private static final long serialVersionUID = 1L;

    public ReviewException(String message) {
        super(message);
    }
}
