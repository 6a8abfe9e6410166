package io.vrrpd.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * vrrpd's logging, set up in code: one line per event on stdout (journald adds time, host and unit under
 * systemd), {@code HH:mm:ss.SSS LEVEL Logger: message}, at the level VRRPD_LOG_LEVEL names (info unless set).
 *
 * <p>Found by logback through {@code META-INF/services} before its own configurators. Reading a
 * logback.xml costs logback's XML configurator and the JDK's XML parser, about 450 classes: 2.5 MB of
 * metaspace and symbols in a daemon that must stay small (issue 10). An admin who wants logback's full
 * configuration still gets it: with {@code -Dlogback.configurationFile=...} in VRRPD_JAVA_OPTS, or a
 * logback(-test).xml on the class path, this steps aside and logback reads that file as usual.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = LogSetup.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getProperty("VRRPD_LOG_LEVEL", System.getenv("VRRPD_LOG_LEVEL"))));
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The level a VRRPD_LOG_LEVEL value names (trace, debug, info, warn, error, off); info otherwise. */
    static Level level(String name) {
        return Level.toLevel(name == null ? null : name.strip(), Level.INFO);
    }
}
