package dev.herald.liquid;

/** {@code tablerowloop}: where a {@code tablerow} is — its row and column besides what {@code forloop} tells. */
final class TablerowLoop implements Drop {

    private final int length;
    private final long cols;
    private int index;
    private long row = 1;
    private long col = 1;

    TablerowLoop(int length, long cols) {
        this.length = length;
        this.cols = cols;
    }

    long row() {
        return row;
    }

    long col() {
        return col;
    }

    boolean colLast() {
        return col == cols;
    }

    boolean last() {
        return index == length - 1;
    }

    void next() {
        index++;
        if (col == cols) {
            col = 1;
            row++;
        } else {
            col++;
        }
    }

    @Override
    public Object get(String key) {
        return switch (key) {
            case "length" -> (long) length;
            case "index" -> (long) index + 1;
            case "index0" -> (long) index;
            case "rindex" -> (long) length - index;
            case "rindex0" -> (long) length - index - 1;
            case "first" -> index == 0;
            case "last" -> last();
            case "col" -> col;
            case "col0" -> col - 1;
            case "col_first" -> col == 1;
            case "col_last" -> colLast();
            case "row" -> row;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "TablerowloopDrop";
    }
}
