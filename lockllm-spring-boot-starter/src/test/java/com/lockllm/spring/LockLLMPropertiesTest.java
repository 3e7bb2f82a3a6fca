package com.lockllm.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.error.ConfigurationException;
import com.lockllm.scan.CustomPolicy;
import com.lockllm.scan.ModelRouting;
import com.lockllm.testing.ContractSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/** The properties holder covers every core option: a new one in the core fails here until bound. */
class LockLLMPropertiesTest {
  @Test
  void everyCoreOptionBindsAndReachesTheCore() {
    LockLLMProperties properties = bind(ContractSettings.everyOption());
    ContractSettings.assertEveryOptionReturned(properties.toSettings().build());
    LockLLMSettings settings = properties.toSettings().build();
    assertThat(settings.extraction().maxBodyBytes()).isEqualTo(16 * 1024);
    assertThat(settings.scanOptions().compressionRate()).isEqualTo(0.5);
  }

  @Test
  void yamlPoliciesWithListsOfCategoriesBindTyped() throws Exception {
    String yaml = """
        lockllm:
          policy-similarity: 0.6
          policies:
            no-medical:
              name: No medical advice
              categories:
                - name: Diagnosis
                  phrases: [diagnose my symptoms, what illness do I have]
                  examples:
                    - Which disease do I have, given these symptoms?
                - name: Dosage
                  patterns: ['\\bhow many (pills|tablets)\\b']
            no-finance:
              categories:
                invest:
                  phrases: stock tips, insider trading
          routing:
            models:
              low: mini
            rules:
              code:
                task-type: Code Generation
                model: big
        """;
    LockLLMSettings built = yaml(yaml).toSettings().build();
    assertThat(built.engineSettings().policySimilarity()).isEqualTo(0.6);
    assertThat(built.policies()).isEqualTo(ContractSettings.YAML_POLICIES);
    assertThat(built.routing()).isEqualTo(
        new ModelRouting("mini", null, null, List.of(new ModelRouting.Rule("code", "Code Generation", null, "big"))));
    assertThat(built.scanner(null, Map.of())).isNotNull();
  }

  @Test
  void aYamlListOfPoliciesBindsWithItsNames() throws Exception {
    LockLLMSettings built = yaml("""
        lockllm:
          policies:
            - name: Internal data
              categories:
                - name: Codenames
                  patterns:
                    - project (falcon|osprey)
        """).toSettings().build();
    assertThat(built.policies()).containsExactly(new CustomPolicy("Internal data", null, List.of(
        new CustomPolicy.Category("Codenames", null, List.of(), List.of("project (falcon|osprey)"), List.of()))));
    assertThat(built.scanner(null, Map.of())).isNotNull();
  }

  @Test
  void flatPropertiesBindAsTheStringReaderReadsThem() {
    Map<String, String> flat = Map.of(
        "lockllm.policies.no-medical.categories.diagnosis.phrases", "a,b",
        "lockllm.policies.no-medical.categories.diagnosis.examples[0]", "diagnose my symptoms",
        "lockllm.policies.internal.name", "Internal data",
        "lockllm.policies.internal.categories.codenames.patterns[0]", "project (falcon|osprey)");
    assertThat(bind(flat).toSettings().build().policies()).isEqualTo(LockLLMSettings.fromMap(flat).policies());
  }

  @Test
  void yamlOutputOptionsBindTypedAsTheStringReaderReadsThem() throws Exception {
    LockLLMSettings built = yaml("""
        lockllm:
          output:
            enabled: true
            personal-data: warn
            secrets: off
            allowed-hosts: [example.com, "*.cdn.example.com"]
            max-buffered-bytes: 1MB
            patterns:
              ticket:
                regex: TICKET-[0-9]{6}
                action: block
            allowlist:
              - pattern: sk-test-[0-9]+
                owner: docs
                reason: documentation examples
          canary:
            enabled: true
            position: start
        """).toSettings().build();
    assertThat(built).isEqualTo(LockLLMSettings.fromMap(Map.ofEntries(
        Map.entry("output.enabled", "true"), Map.entry("output.personal-data", "warn"), Map.entry("output.secrets", "off"),
        Map.entry("output.allowed-hosts", "example.com,*.cdn.example.com"), Map.entry("output.max-buffered-bytes", "1MB"),
        Map.entry("output.patterns.ticket.regex", "TICKET-[0-9]{6}"), Map.entry("output.patterns.ticket.action", "block"),
        Map.entry("output.allowlist[0].pattern", "sk-test-[0-9]+"), Map.entry("output.allowlist[0].owner", "docs"),
        Map.entry("output.allowlist[0].reason", "documentation examples"), Map.entry("canary.enabled", "true"),
        Map.entry("canary.position", "start"))));
    assertThat(built.output().secrets()).as("YAML's off, read as false, is still off").isNull();
    assertThat(built.canary().position()).isEqualTo(com.lockllm.output.Canary.Position.START);
  }

  @Test
  void aBadOutputEntryNamesItsProperty() {
    assertThatThrownBy(() -> bind(Map.of("lockllm.output.patterns.ticket.action", "block")).toSettings())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'output.patterns.ticket'")
        .hasMessageContaining("no regex");
    assertThatThrownBy(() -> bind(Map.of("lockllm.output.allowlist.docs.pattern", "x")).toSettings())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'output.allowlist.docs'")
        .hasMessageContaining("owner");
    assertThatThrownBy(() -> bind(Map.of("lockllm.output.unscannable", "strip")).toSettings())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'output.unscannable'");
  }

  private static LockLLMProperties yaml(String yaml) throws Exception {
    List<PropertySource<?>> sources = new YamlPropertySourceLoader()
        .load("test.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
    return new Binder(ConfigurationPropertySources.from(sources)).bind("lockllm", LockLLMProperties.class).get();
  }

  private static LockLLMProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bind("lockllm", LockLLMProperties.class).get();
  }
}
