package app.mobilebackend.devserver;

import app.mobilebackend.testkit.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One dev server for the test classes of this JVM that only send it requests (each as a user of its own): a start
 * builds every function's beans, seconds of a core, so the classes share it. Closed as the JVM exits; its data
 * folder is under target/.
 */
final class SharedDevServer {

    private static DevServer dev;

    private SharedDevServer() {
    }

    static synchronized DevServer get() {
        if (dev == null) {
            try {
                Path target = Files.createDirectories(Path.of("target"));
                dev = DevServer.start(0, Files.createTempDirectory(target, "dev-server-test-").resolve("data"), TestDatabase.shared());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DevServer started = dev;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return dev;
    }
}
