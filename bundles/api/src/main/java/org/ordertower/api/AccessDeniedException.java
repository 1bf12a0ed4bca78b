package org.ordertower.api;

/** The caller lacks the role a service call needs; the message names the roles that would do. */
public class AccessDeniedException extends OrderTowerException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
