package dev.herald.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the store a contract subclass runs on, so that the subclass body stays empty. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Backend {
    Kind value();

    enum Kind { DUCKDB, POSTGRES }
}
