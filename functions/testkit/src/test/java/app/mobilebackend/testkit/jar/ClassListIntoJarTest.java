package app.mobilebackend.testkit.jar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassListIntoJarTest {

    @TempDir
    Path dir;

    @Test
    void addsTheListAndLeavesEveryOtherEntryAsItWas() throws IOException {
        Path jar = jarWith(Map.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n", "a/B.class", "x".repeat(10_000)));
        Map<String, String> before = entries(jar);
        Path list = Files.writeString(dir.resolve("lambda-priming-classes.txt"), "# list\na.B\n");

        ClassListIntoJar.main(new String[] {jar.toString(), list.toString()});

        Map<String, String> after = entries(jar);
        assertEquals("# list\na.B\n", content(jar, ClassListIntoJar.ENTRY));
        after.remove(ClassListIntoJar.ENTRY);
        assertEquals(before, after, "the other entries keep their compressed size and CRC");
    }

    @Test
    void aSecondListReplacesTheFirst() throws IOException {
        Path jar = jarWith(Map.of("a/B.class", "x"));
        ClassListIntoJar.put(jar, Files.writeString(dir.resolve("one.txt"), "one\n"));
        ClassListIntoJar.put(jar, Files.writeString(dir.resolve("two.txt"), "two\n"));
        assertEquals("two\n", content(jar, ClassListIntoJar.ENTRY));
        assertEquals(1, Collections.frequency(names(jar), ClassListIntoJar.ENTRY));
    }

    @Test
    void withoutAListTheJarIsLeftAlone() throws IOException {
        Path jar = jarWith(Map.of("a/B.class", "x"));
        byte[] before = Files.readAllBytes(jar);
        ClassListIntoJar.main(new String[] {jar.toString(), dir.resolve("missing.txt").toString()});
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(jar)));
    }

    private Path jarWith(Map<String, String> entries) throws IOException {
        Path jar = dir.resolve("function-lambda.jar");
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static Map<String, String> entries(Path jar) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().forEach(e -> entries.put(e.getName(), e.getMethod() + " " + e.getCompressedSize() + " " + e.getCrc()));
        }
        return entries;
    }

    private static List<String> names(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    private static String content(Path jar, String name) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
