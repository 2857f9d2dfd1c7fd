package dev.herald.campaign.plan;

import dev.herald.campaign.Population;
import dev.herald.expr.CheckedExpression;
import dev.herald.schema.Entity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The expressions a campaign's validation checked, kept in its {@link Plan}: a run takes each one
 * from here, checked and lowered already, and checks no expression text again. An expression is
 * found by what it was checked as — a condition or a value, its text, the record it reads and the
 * worktable columns beside it.
 */
public final class CheckedExpressions {

    private record Key(boolean condition, String text, Entity on, Entity target) {
    }

    private final Map<Key, CheckedExpression> checked = new ConcurrentHashMap<>();

    void add(boolean condition, String text, Entity on, Entity target, CheckedExpression expression) {
        checked.put(new Key(condition, text, on, target), expression);
    }

    /** The condition {@code text} on {@code on} records (with {@code target}'s columns, or null), as validation checked it. */
    public CheckedExpression condition(String text, Entity on, Entity target) {
        return find(true, text, on, target);
    }

    /** The value {@code text} on {@code on} records, as validation checked it. */
    public CheckedExpression value(String text, Entity on, Entity target) {
        return find(false, text, on, target);
    }

    /** The condition {@code text} on the records of {@code p}, with its columns as {@code target}. */
    public CheckedExpression condition(String text, Population p) {
        return condition(text, p.expressionDimension(), p.expressionTarget());
    }

    /** The value {@code text} on the records of {@code p}. */
    public CheckedExpression value(String text, Population p) {
        return value(text, p.expressionDimension(), p.expressionTarget());
    }

    /** Whether validation checked {@code text} as a condition on {@code on} records. */
    public boolean hasCondition(String text, Entity on, Entity target) {
        return checked.containsKey(new Key(true, text, on, target));
    }

    private CheckedExpression find(boolean condition, String text, Entity on, Entity target) {
        CheckedExpression e = checked.get(new Key(condition, text, on, target));
        if (e == null) {
            throw new IllegalStateException("the " + (condition ? "condition" : "value") + " '" + text + "' on " + on.name()
                    + " was not checked when the campaign was validated");
        }
        return e;
    }
}
