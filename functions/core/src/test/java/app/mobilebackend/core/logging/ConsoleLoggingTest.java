package app.mobilebackend.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConsoleLoggingTest {

    @Test
    void logbackIsConfiguredInCode() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);

        assertEquals(1, appenders.size(), "root appenders: " + appenders);
        ConsoleAppender<ILoggingEvent> console = assertInstanceOf(ConsoleAppender.class, appenders.get(0));
        assertEquals("STDOUT", console.getName());
        assertEquals(ConsoleLogging.PATTERN, assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder()).getPattern());
        assertEquals(ConsoleLogging.level(), root.getLevel());
        // An XML file would be ignored (this configurator tells Logback to stop), and mislead whoever edits it.
        assertNull(getClass().getClassLoader().getResource("logback.xml"));
    }

    @Test
    void theLevelComesFromLogLevelAndDefaultsToInfo() {
        String before = System.getProperty("LOG_LEVEL");
        try {
            System.setProperty("LOG_LEVEL", "DEBUG");
            assertEquals(Level.DEBUG, ConsoleLogging.level());
            System.setProperty("LOG_LEVEL", "not-a-level");
            assertEquals(Level.INFO, ConsoleLogging.level());
        } finally {
            if (before == null) {
                System.clearProperty("LOG_LEVEL");
            } else {
                System.setProperty("LOG_LEVEL", before);
            }
        }
    }
}
