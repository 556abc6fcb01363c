package app.mobilebackend.infra.policy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CloudFormation templates of a directory, parsed, keyed by their path relative to it ({@code root.yaml},
 * {@code stacks/storage.yaml}), with the few accessors the policies need. Templates use the long form of intrinsic
 * functions ({@code {Ref: X}}, {@code {Fn::Sub: ...}}), so they are plain YAML maps.
 */
final class Templates {

    /** The real templates: {@code infra-cloudformation/templates} under the project root (surefire's project.root). */
    static Path realDirectory() {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        return root.resolve("infra-cloudformation/templates");
    }

    /** A resource: the template it is in, its logical id, type and properties (empty when it has none). */
    record Resource(String file, String id, String type, Map<String, Object> properties, Map<String, Object> definition) {
        /** Where a finding about it is: {@code stacks/storage.yaml Resources.FilesBucket}. */
        String where() {
            return file + " Resources." + id;
        }

        Object property(String name) {
            return properties.get(name);
        }
    }

    private final Path directory;
    private final Map<String, Map<String, Object>> byFile;

    private Templates(Path directory, Map<String, Map<String, Object>> byFile) {
        this.directory = directory;
        this.byFile = Collections.unmodifiableMap(byFile);
    }

    /** Every {@code *.yaml} under the directory, recursively. */
    static Templates load(Path directory) {
        Map<String, Map<String, Object>> byFile = new TreeMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(f -> Files.isRegularFile(f) && f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                    String name = directory.relativize(file).toString().replace('\\', '/');
                    byFile.put(name, parse(file, name));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Templates(directory, byFile);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(Path file, String name) throws IOException {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        if (!(document instanceof Map)) {
            throw new IllegalStateException(name + " is not a CloudFormation template (not a YAML map)");
        }
        return (Map<String, Object>) document;
    }

    Path directory() {
        return directory;
    }

    Map<String, Map<String, Object>> byFile() {
        return byFile;
    }

    boolean isEmpty() {
        return byFile.isEmpty();
    }

    Optional<Map<String, Object>> template(String file) {
        return Optional.ofNullable(byFile.get(file));
    }

    /** Every resource of every template, in file then template order. */
    List<Resource> resources() {
        List<Resource> all = new ArrayList<>();
        byFile.keySet().forEach(file -> all.addAll(resources(file)));
        return all;
    }

    /** The resources of one template (none when the template is missing). */
    List<Resource> resources(String file) {
        List<Resource> result = new ArrayList<>();
        Map<String, Object> resources = map(byFile.getOrDefault(file, Map.of()).get("Resources"));
        resources.forEach((id, value) -> {
            Map<String, Object> definition = map(value);
            result.add(new Resource(file, id, String.valueOf(definition.get("Type")), map(definition.get("Properties")), definition));
        });
        return result;
    }

    /** Resources of one type across all templates. */
    List<Resource> resourcesOfType(String type) {
        return resources().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The Outputs of one template (empty when it has none). */
    Map<String, Object> outputs(String file) {
        return map(byFile.getOrDefault(file, Map.of()).get("Outputs"));
    }

    // ---- helpers for the untyped YAML tree ----

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : new LinkedHashMap<>();
    }

    /** A list, or a single value as a list of one (CloudFormation allows either in policy documents). */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List ? (List<Object>) value : List.of(value);
    }

    /** {@code true} for the YAML boolean true and the string "true" (CloudFormation takes either). */
    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    /**
     * A name-like value as text to compare: a plain string as it is, {@code {Fn::Sub: "a-${X}"}} as {@code a-${X}},
     * {@code {Ref: X}} as {@code ${X}}, an {@code Fn::Join} of such parts joined; anything else as its YAML text.
     */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        Map<String, Object> m = map(value);
        if (m.size() == 1) {
            if (m.get("Fn::Sub") instanceof String s) {
                return s;
            }
            if (m.get("Fn::Sub") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String s) {
                return s;
            }
            if (m.get("Ref") instanceof String s) {
                return "${" + s + "}";
            }
            if (m.get("Fn::GetAtt") instanceof List<?> l && l.size() == 2) {
                return "${" + l.get(0) + "." + l.get(1) + "}";
            }
            if (m.get("Fn::GetAtt") instanceof String s) {
                return "${" + s + "}";
            }
            if (m.get("Fn::Join") instanceof List<?> l && l.size() == 2 && l.get(1) instanceof List<?> parts) {
                StringBuilder joined = new StringBuilder();
                for (int i = 0; i < parts.size(); i++) {
                    joined.append(i == 0 ? "" : String.valueOf(l.get(0))).append(text(parts.get(i)));
                }
                return joined.toString();
            }
        }
        return String.valueOf(value);
    }

    /** The logical id a value refers to with {@code {Ref: X}} or {@code {Fn::GetAtt: [X, ..]}}, else null. */
    static String referencedId(Object value) {
        Map<String, Object> m = map(value);
        if (m.get("Ref") instanceof String s) {
            return s;
        }
        if (m.get("Fn::GetAtt") instanceof List<?> l && !l.isEmpty()) {
            return String.valueOf(l.get(0));
        }
        if (m.get("Fn::GetAtt") instanceof String s) {
            return s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        }
        return null;
    }
}
