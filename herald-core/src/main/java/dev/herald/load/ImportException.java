package dev.herald.load;

/** A problem with an import that the user can fix; its message is one line that says what to do. */
public class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
