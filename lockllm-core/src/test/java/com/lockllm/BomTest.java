package com.lockllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * lockllm-bom lists every module the build publishes, so a user who imports it never needs a version
 * of ours; read from the poms, so a module added to the parent without its BOM entry fails here. A
 * module is published unless its pom sets {@code maven.deploy.skip} (the samples, benchmarks, ...).
 */
class BomTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void listsEveryPublishedModuleAtTheParentsVersion() throws Exception {
    Element parent = pom(ROOT.resolve("pom.xml"));
    Element bom = pom(ROOT.resolve("lockllm-bom/pom.xml"));
    Map<String, String> published = new TreeMap<>();
    for (Element module : children(child(parent, "modules"), "module")) {
      Element pom = pom(ROOT.resolve(module.getTextContent()).resolve("pom.xml"));
      Element properties = child(pom, "properties");
      boolean skipped = properties != null && "true".equals(text(properties, "maven.deploy.skip"));
      if (!"pom".equals(text(pom, "packaging")) && !skipped) {
        published.put(text(pom, "artifactId"), module.getTextContent());
      }
    }
    Map<String, String> listed = new TreeMap<>();
    for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
      assertThat(text(dependency, "groupId")).isEqualTo("com.lockllm");
      listed.put(text(dependency, "artifactId"), text(dependency, "version"));
    }

    assertThat(published).as("the published modules").containsKeys("lockllm-core", "lockllm-spring-boot-starter")
        .doesNotContainKeys("gateway", "lockllm-train", "lockllm-benchmarks");
    assertThat(listed.keySet()).as("lockllm-bom's entries").containsExactlyInAnyOrderElementsOf(published.keySet());
    assertThat(listed).allSatisfy((artifact, version) -> assertThat(version).isEqualTo("${project.version}"));
    assertThat(text(bom, "version")).as("lockllm-bom's version").isEqualTo(text(parent, "version"));
    assertThat(child(bom, "parent")).as("a parent's dependencyManagement would be imported with the BOM").isNull();
  }

  private static Element pom(Path file) throws Exception {
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    return document.getDocumentElement();
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }
}
