package dev.herald.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.LoggerFactory;

/**
 * The CLI's logging, set up in code (found by logback as a service): libraries' warnings on
 * stderr, Flyway's errors only. A logback.xml would cost a tenth of a second of XML parsing at
 * every start.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr(context, pattern(context, "%level %logger{0}: %msg%n")));
        context.getLogger("org.flywaydb").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * The server's logging: Herald's own info messages too (runs resumed, returns read), each with
     * its time, on stderr — as text lines, or with {@code json} one JSON object per line (logback's
     * {@link JsonEncoder}: timestamp, level, thread, logger, message, arguments, throwable) for a log
     * collector.
     */
    static void server(boolean json) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        Encoder<ILoggingEvent> encoder;
        if (json) {
            JsonEncoder j = new JsonEncoder();
            j.setContext(context);
            j.start();
            encoder = j;
        } else {
            encoder = pattern(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %level %logger{0}: %msg%n");
        }
        root.addAppender(stderr(context, encoder));
        context.getLogger("dev.herald").setLevel(Level.INFO);
    }

    private static Encoder<ILoggingEvent> pattern(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context, Encoder<ILoggingEvent> encoder) {
        ConsoleAppender<ILoggingEvent> err = new ConsoleAppender<>();
        err.setContext(context);
        err.setName("ERR");
        err.setTarget("System.err");
        err.setEncoder(encoder);
        err.start();
        return err;
    }
}
