package dev.herald.campaign;

import java.util.List;

/**
 * One step of a campaign: its stable id, its type ({@code dedup}), a label for people, the
 * transitions it starts from ({@code split.gold}; an activity's id alone means its only output),
 * and its typed options. A disabled activity ends its path; a breakpoint pauses a run before it.
 * {@code config} is null when the options could not be read (the problems say why).
 */
public record Activity(String id, String type, String label, List<String> from, boolean disabled, boolean breakpoint,
                       ActivityConfig config, String path) {

    public Activity {
        from = List.copyOf(from);
    }

    /** The name of one of its outbound transitions: {@code id.output}. */
    public String transition(String output) {
        return id + "." + output;
    }

    public String title() {
        return label == null ? id : id + " (" + label + ")";
    }
}
