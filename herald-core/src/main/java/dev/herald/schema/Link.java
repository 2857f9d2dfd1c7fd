package dev.herald.schema;

/**
 * A named relation from one entity to another.
 *
 * <ul>
 *   <li>many-to-one ({@code purchase.profile}): {@code field} on this entity holds the key of
 *       {@code target}; {@code inverse} is null.</li>
 *   <li>one-to-many ({@code profile.purchases}): the inverse of the many-to-one link named
 *       {@code inverse} on {@code target}; {@code field} is null.</li>
 * </ul>
 */
public record Link(String name, String target, String field, String inverse) {

    public static Link manyToOne(String name, String target, String field) {
        return new Link(name, target, field, null);
    }

    public static Link oneToMany(String name, String target, String inverse) {
        return new Link(name, target, null, inverse);
    }

    public boolean isToMany() {
        return inverse != null;
    }
}
