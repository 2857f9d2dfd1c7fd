package dev.herald.liquid;

/**
 * {@code blank} and {@code empty}: in a comparison they test a value ({@code x == blank} is true for
 * nil, false, an empty or all-space text, an empty list or map); anywhere else they are empty text.
 */
enum Special {
    BLANK, EMPTY;

    boolean matches(Object value) {
        if (this == EMPTY) {
            return switch (value) {
                case String s -> s.isEmpty();
                case java.util.Collection<?> c -> c.isEmpty();
                case java.util.Map<?, ?> m -> m.isEmpty();
                case null, default -> false;
            };
        }
        return switch (value) {
            case null -> true;
            case Boolean b -> !b;
            case String s -> s.isBlank();
            case java.util.Collection<?> c -> c.isEmpty();
            case java.util.Map<?, ?> m -> m.isEmpty();
            default -> false;
        };
    }

    @Override
    public String toString() {
        return "";
    }
}
