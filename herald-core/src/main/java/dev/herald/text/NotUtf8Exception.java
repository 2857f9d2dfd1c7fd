package dev.herald.text;

/** A text file that is not UTF-8: which, and where its first byte that is not. */
public class NotUtf8Exception extends IllegalArgumentException {

    private final transient Utf8Text.Position position;

    public NotUtf8Exception(String shown, Utf8Text.Position position) {
        super(shown + ": " + problem(position));
        this.position = position;
    }

    public Utf8Text.Position position() {
        return position;
    }

    /** "line 4, column 7: not UTF-8 text; save the file as UTF-8". */
    public static String problem(Utf8Text.Position p) {
        return "line " + p.line() + ", column " + p.column() + ": not UTF-8 text; save the file as UTF-8";
    }
}
