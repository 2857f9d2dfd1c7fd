package dev.herald.liquid;

/** {@code forloop}: where a {@code for} loop is — index, first, last, length, the loop around it. */
final class ForLoop implements Drop {

    private final String name;
    private final int length;
    private final ForLoop parent;
    private int index;

    ForLoop(String name, int length, ForLoop parent) {
        this.name = name;
        this.length = length;
        this.parent = parent;
    }

    void next() {
        index++;
    }

    @Override
    public Object get(String key) {
        return switch (key) {
            case "name" -> name;
            case "length" -> (long) length;
            case "index" -> (long) index + 1;
            case "index0" -> (long) index;
            case "rindex" -> (long) length - index;
            case "rindex0" -> (long) length - index - 1;
            case "first" -> index == 0;
            case "last" -> index == length - 1;
            case "parentloop" -> parent;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "ForloopDrop";
    }
}
