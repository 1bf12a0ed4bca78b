package org.ordertower.api;

/** The database cannot be reached or refused the write; nothing was acknowledged. Retry later. */
public class StoreUnavailableException extends OrderTowerException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
