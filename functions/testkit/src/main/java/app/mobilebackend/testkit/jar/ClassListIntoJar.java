package app.mobilebackend.testkit.jar;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Puts the class list {@link DeployedJarRoutingIT} recorded into the Lambda jar as
 * {@code META-INF/lambda-priming-classes.txt} (a build step of every function module, after its integration tests).
 * The JDK's zip file system copies the jar's other entries as they are, compressed bytes and all: Ant's
 * {@code <jar update="true">} inflated and deflated all 20 MB again, about 6 s of a core per function.
 *
 * <p>{@code ClassListIntoJar <lambda jar> <class list>}: nothing happens when there is no list (the integration tests
 * were skipped).
 */
public final class ClassListIntoJar {

    static final String ENTRY = "META-INF/lambda-priming-classes.txt";

    private ClassListIntoJar() {
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path list = Path.of(args[1]);
        if (!Files.isRegularFile(list)) {
            return;
        }
        put(jar, list);
        System.out.println("Class list " + list.getFileName() + " into " + jar.getFileName() + " as " + ENTRY);
    }

    static void put(Path jar, Path list) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Path entry = zip.getPath(ENTRY);
            Files.createDirectories(entry.getParent());
            Files.copy(list, entry, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
