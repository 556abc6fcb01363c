package app.mobilebackend.testkit.boundaries;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps each area in its own module, and each function to the areas it uses. Every area module ({@code areas/*}) and
 * every function module ({@code functions/*}) runs this test on its own compiled classes (surefire scans the test kit
 * for it) and its own pom:
 * <ul>
 *   <li>a class that refers to an area other than the module's own must have that area as a dependency declared in
 *       the pom, not one that arrives through another area;</li>
 *   <li>each area the pom declares must be referred to by some class of the module, or be listed in the pom's
 *       {@code areas.used-as-beans} property: areas whose beans the function uses without naming a class of theirs
 *       (each area's {@code PersonalData} for the privacy functions, the outbox's publishers for the relay);</li>
 *   <li>no class of the module lies in another area's package.</li>
 * </ul>
 * Area {@code area-<name>} owns the package {@code app.mobilebackend.<name>}; the areas are the modules of
 * {@code areas/pom.xml}. The platform ({@code functions/core}) needs no check here: it depends on no area, so an
 * import of one does not compile, and an area dependency in its pom makes a cycle Maven refuses.
 */
class AreaBoundariesTest {

    private static final String GROUP = "app.mobilebackend";
    private static final String AREA_PREFIX = "area-";
    private static final String USED_AS_BEANS = "areas.used-as-beans";

    @Test
    void theModuleUsesExactlyTheAreasItDeclares() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path classes = module.resolve("target/classes");
        Assumptions.assumeTrue(Files.isDirectory(classes), "no classes in " + module);
        Path root = repositoryRoot(module);
        List<String> areas = modulesOf(root.resolve("areas/pom.xml"));

        Element pom = read(module.resolve("pom.xml"));
        String artifactId = childText(pom, "artifactId").orElseThrow();
        String ownArea = artifactId.startsWith(AREA_PREFIX) ? artifactId.substring(AREA_PREFIX.length()) : null;
        Set<String> declared = declaredAreas(pom);
        Set<String> usedAsBeans = usedAsBeans(pom);

        // area -> "SomeClass -> OtherClass" for each reference into it
        Map<String, Set<String>> references = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        // the module's own classes only: what they refer to is named, never loaded
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        for (JavaClass javaClass : imported) {
            String home = areaOf(javaClass.getPackageName(), areas);
            if (home != null && !home.equals(ownArea)) {
                problems.add(javaClass.getName() + " lies in the package of area " + home
                    + ": an area's classes live in its own module (areas/" + home + ")");
            }
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                String area = areaOf(target.getPackageName(), areas);
                if (area != null && !area.equals(ownArea)) {
                    references.computeIfAbsent(area, a -> new TreeSet<>())
                        .add(outermost(javaClass) + " -> " + outermost(target));
                }
            }
        }

        for (Map.Entry<String, Set<String>> used : references.entrySet()) {
            if (!declared.contains(used.getKey())) {
                problems.add("uses area " + used.getKey() + " (" + firstFew(used.getValue()) + ") without declaring "
                    + GROUP + ":" + AREA_PREFIX + used.getKey() + " in its pom: declare the dependency it relies on,"
                    + " rather than reaching it through another area");
            }
        }
        for (String area : declared) {
            if (!references.containsKey(area) && !usedAsBeans.contains(area)) {
                problems.add("depends on " + AREA_PREFIX + area + " but none of its classes refers to it: drop the"
                    + " dependency (its beans would be built at every cold start for nothing), or, if the module uses"
                    + " that area's beans without naming a class of theirs, list it in the pom's <" + USED_AS_BEANS
                    + "> with why");
            }
        }
        for (String area : usedAsBeans) {
            if (!declared.contains(area)) {
                problems.add("lists " + AREA_PREFIX + area + " in <" + USED_AS_BEANS + "> but does not depend on it");
            }
        }
        if (!problems.isEmpty()) {
            fail(artifactId + " (" + root.relativize(module) + "):\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The area whose package holds {@code packageName}, or null for the platform, generated code and libraries. */
    private static String areaOf(String packageName, List<String> areas) {
        for (String area : areas) {
            String areaPackage = GROUP + "." + area;
            if (packageName.equals(areaPackage) || packageName.startsWith(areaPackage + ".")) {
                return area;
            }
        }
        return null;
    }

    /** Micronaut's generated bean definitions ({@code $Foo$Definition}) and inner classes name their top class. */
    private static String outermost(JavaClass javaClass) {
        String simple = javaClass.getName().substring(javaClass.getPackageName().length() + 1);
        String[] parts = Arrays.stream(simple.split("\\$")).filter(p -> !p.isEmpty()).toArray(String[]::new);
        return parts.length == 0 ? simple : parts[0];
    }

    private static String firstFew(Set<String> references) {
        String few = references.stream().limit(3).collect(Collectors.joining(", "));
        return references.size() > 3 ? few + ", ..." : few;
    }

    private static Path repositoryRoot(Path module) {
        for (Path dir = module; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("areas/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no areas/pom.xml above " + module);
    }

    private static List<String> modulesOf(Path aggregator) throws Exception {
        List<String> modules = new ArrayList<>();
        NodeList nodes = read(aggregator).getElementsByTagName("module");
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().trim());
        }
        return modules;
    }

    private static Set<String> declaredAreas(Element pom) {
        Set<String> areas = new LinkedHashSet<>();
        Optional<Element> dependencies = child(pom, "dependencies");
        if (dependencies.isEmpty()) {
            return areas;
        }
        for (Element dependency : children(dependencies.get(), "dependency")) {
            String groupId = childText(dependency, "groupId").orElse("");
            String artifactId = childText(dependency, "artifactId").orElse("");
            String scope = childText(dependency, "scope").orElse("compile");
            if (GROUP.equals(groupId) && artifactId.startsWith(AREA_PREFIX) && !scope.equals("test")) {
                areas.add(artifactId.substring(AREA_PREFIX.length()));
            }
        }
        return areas;
    }

    private static Set<String> usedAsBeans(Element pom) {
        return child(pom, "properties").flatMap(properties -> childText(properties, USED_AS_BEANS))
            .map(list -> Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(name -> name.startsWith(AREA_PREFIX) ? name.substring(AREA_PREFIX.length()) : name)
                .collect(Collectors.toCollection(LinkedHashSet::new)))
            .orElseGet(LinkedHashSet::new);
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static Optional<String> childText(Element parent, String name) {
        return child(parent, name).map(element -> element.getTextContent().trim());
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }
}
