package dev.herald.store;

/** A failure of the store itself (cannot connect, unexpected SQL error). */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
