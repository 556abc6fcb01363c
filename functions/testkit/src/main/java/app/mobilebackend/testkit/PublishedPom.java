package app.mobilebackend.testkit;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The POM an SDK is published with (flatten-maven-plugin writes it to {@code target/published-pom.xml}). An app
 * resolves it without our build: so no parent (ours is a SNAPSHOT nobody can fetch), a release version, each
 * dependency with its own release version, no test dependencies, and none of the platform parent's metadata.
 */
public final class PublishedPom {

    private PublishedPom() {
    }

    public static void assertStandsAlone(Path pom) throws Exception {
        assertTrue(Files.isRegularFile(pom), pom + " is missing: the module must list flatten-maven-plugin");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        List<String> problems = new ArrayList<>();
        if (child(project, "parent") != null) {
            problems.add("it names a parent");
        }
        String version = text(project, "version");
        if (version == null || version.endsWith("-SNAPSHOT")) {
            problems.add("its version is " + version);
        }
        Element dependencies = child(project, "dependencies");
        NodeList list = dependencies == null ? null : dependencies.getElementsByTagNameNS("*", "dependency");
        for (int i = 0; list != null && i < list.getLength(); i++) {
            Element dependency = (Element) list.item(i);
            if (dependency.getParentNode() != dependencies) {
                continue; // an exclusion's, not a dependency of the SDK
            }
            String name = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
            String dependencyVersion = text(dependency, "version");
            if (dependencyVersion == null || dependencyVersion.endsWith("-SNAPSHOT") || dependencyVersion.contains("${")) {
                problems.add(name + " has version " + dependencyVersion);
            }
            if ("test".equals(text(dependency, "scope"))) {
                problems.add(name + " is a test dependency");
            }
        }
        String xml = Files.readString(pom);
        if (xml.contains("${")) {
            problems.add("it holds an unresolved ${...} expression");
        }
        if (xml.contains("micronaut")) {
            problems.add("it carries the Micronaut platform's metadata (url, licence, developers or scm)");
        }
        assertEquals(List.of(), problems, pom + " does not stand alone");
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }
}
