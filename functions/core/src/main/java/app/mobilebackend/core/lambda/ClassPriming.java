package app.mobilebackend.core.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Class priming ({@code lambda.priming=classes}): loads every class named in a recorded class list (one binary name
 * per line, {@code #} comments; as Powertools for AWS Lambda Java's {@code ClassPreLoader} does), on a thread of its
 * own, so that the classes a request needs are loaded by the end of init (and, with SnapStart, in the snapshot)
 * without sending the function a request. Started as {@link ApiGatewayHandler} is loaded, it runs beside the
 * building of the application context, which needs most of the same classes.
 *
 * <p>Classes are loaded, not initialised: running static initialisers in list order, before the context that
 * configures logging or reads settings exists, could change what they see. A name the jar does not have (a list from
 * another build) is skipped and counted. The build records each HTTP function's list in its integration test
 * (DeployedJarRoutingIT) and puts it into the jar; a jar built without that test has none, and then nothing is
 * preloaded (a warning says so) rather than the function not starting.
 */
final class ClassPriming {

    /** Where the list is looked for on the class path when {@code lambda.priming.class-list} names no file. */
    static final String DEFAULT_LIST = "META-INF/lambda-priming-classes.txt";

    private final CompletableFuture<Result> loading;

    private ClassPriming(CompletableFuture<Result> loading) {
        this.loading = loading;
    }

    /**
     * What was loaded: the list read (null: the jar has none), the count, and the names skipped (not on the class
     * path, or not linkable here).
     */
    record Result(String list, int loaded, List<String> skipped, long millis) {
    }

    /**
     * Starts priming if this JVM was asked for it with {@code -Dlambda.priming=classes} or {@code LAMBDA_PRIMING=classes}
     * (read directly: the application context does not exist yet); null otherwise.
     */
    static ClassPriming startIfAskedBeforeContext(ClassLoader loader) {
        String mode = System.getProperty("lambda.priming", System.getenv("LAMBDA_PRIMING"));
        if (!"classes".equals(mode)) {
            return null;
        }
        return start(System.getProperty("lambda.priming.class-list", System.getenv("LAMBDA_PRIMING_CLASS_LIST")), loader);
    }

    /** Starts loading the classes of {@code listFile} (null: {@link #DEFAULT_LIST} on the class path). */
    static ClassPriming start(String listFile, ClassLoader loader) {
        CompletableFuture<Result> loading = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                boolean inJar = listFile == null || listFile.isBlank();
                List<String> names = readList(listFile, loader);
                loading.complete(names == null ? new Result(null, 0, List.of(), 0)
                    : load(inJar ? DEFAULT_LIST + " in the jar" : listFile, names, loader));
            } catch (Throwable e) {
                loading.completeExceptionally(e);
            }
        }, "class-priming");
        thread.setDaemon(true);
        thread.start();
        return new ClassPriming(loading);
    }

    /** Waits for the loading to end; a list that cannot be read stops the function, as any wrong setting does. */
    Result await() {
        try {
            return loading.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("lambda.priming=classes: " + cause.getMessage(), cause);
        }
    }

    private static List<String> readList(String listFile, ClassLoader loader) throws IOException {
        InputStream in = listFile == null || listFile.isBlank()
            ? loader.getResourceAsStream(DEFAULT_LIST)
            : Files.newInputStream(Path.of(listFile)); // a file that was named must be there
        if (in == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static Result load(String list, List<String> names, ClassLoader loader) {
        long start = System.nanoTime();
        int loaded = 0;
        List<String> skipped = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                skipped.add(name);
            }
        }
        return new Result(list, loaded, List.copyOf(skipped), (System.nanoTime() - start) / 1_000_000);
    }
}
