package dev.herald.campaign.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The options an object may have, with a sentence saying what the object is. */
public record Spec(String description, List<Prop> props) {

    public Spec {
        props = List.copyOf(props);
    }

    public static Spec of(String description, Prop... props) {
        return new Spec(description, Arrays.asList(props));
    }

    public Optional<Prop> prop(String name) {
        return props.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return props.stream().map(Prop::name).toList();
    }

    /** These options followed by {@code more}. */
    public Spec plus(List<Prop> more) {
        List<Prop> all = new ArrayList<>(props);
        all.addAll(more);
        return new Spec(description, all);
    }
}
