package app.mobilebackend.functions.todos.get;

import app.mobilebackend.core.lambda.ApiGatewayHandler;
import app.mobilebackend.testkit.LocalFunction;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lambda.priming=classes: the handler loads the classes of a recorded list before init ends. */
class ClassPrimingTest {

    @Test
    void loadsTheListedClassesAndSkipsNamesTheJarDoesNotHave(@TempDir Path dir) throws Exception {
        Path list = Files.writeString(dir.resolve("classes.txt"), """
            # recorded by a training run
            com.mysql.cj.jdbc.MysqlXADataSource
            java.util.concurrent.Exchanger

            com.example.NotInThisJar
            """);
        Logger logger = (Logger) LoggerFactory.getLogger(ApiGatewayHandler.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(log);
        try (LocalFunction function = LocalFunction.start(Map.of("lambda.priming", "classes", "lambda.priming.class-list", list.toString()))) {
            List<String> messages = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(1, messages.size(), messages.toString());
            assertTrue(messages.get(0).startsWith("Class priming: 2 classes loaded, 1 skipped, "), messages.get(0));
        } finally {
            logger.detachAppender(log);
            logger.setLevel(before);
        }
    }

    @Test
    void withoutAListInTheJarNothingIsPreloadedAndTheFunctionStillStarts() {
        Logger logger = (Logger) LoggerFactory.getLogger(ApiGatewayHandler.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (LocalFunction function = LocalFunction.start(Map.of("lambda.priming", "classes"))) {
            List<String> messages = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(List.of("Class priming: the jar has no META-INF/lambda-priming-classes.txt (built without its integration test), "
                + "nothing preloaded"), messages);
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void aMissingClassListFileStopsTheFunctionFromStarting(@TempDir Path dir) {
        String missing = dir.resolve("no-such-list.txt").toString();
        var e = assertThrows(RuntimeException.class,
            () -> LocalFunction.start(Map.of("lambda.priming", "classes", "lambda.priming.class-list", missing)));
        assertTrue(String.valueOf(e.getMessage()).contains("lambda.priming=classes"), e.toString());
        assertTrue(String.valueOf(e.getMessage()).contains("no-such-list.txt"), e.toString());
    }
}
