package com.lockllm.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.error.ConfigurationException;
import com.lockllm.testing.ContractSettings;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration holder covers every core option: a new one in the core fails here until bound. */
class LockLLMConfigurationCoverageTest {
  @Test
  void everyCoreOptionBindsAndReachesTheCore() {
    LockLLMSettings settings = settingsOf(new HashMap<>(ContractSettings.everyOption()));
    ContractSettings.assertEveryOptionReturned(settings);
    assertThat(settings.extraction().maxBodyBytes()).isEqualTo(16 * 1024);
    assertThat(settings.scanOptions().compressionRate()).isEqualTo(0.5);
  }

  @Test
  void flatPropertiesBindAsTheStringReaderReadsThem() {
    Map<String, String> flat = Map.of(
        "lockllm.policies.no-medical.categories[0].name", "Diagnosis",
        "lockllm.policies.no-medical.categories[0].phrases[0]", "diagnose my symptoms",
        "lockllm.policies.no-medical.categories[0].phrases[1]", "what illness do I have",
        "lockllm.policies.no-medical.categories.dosage.phrases", "a,b");
    assertThat(settingsOf(new HashMap<>(flat)).policies()).isEqualTo(LockLLMSettings.fromMap(flat).policies())
        .hasSize(1).first().satisfies(p -> assertThat(p.categories()).hasSize(2));
  }

  /** Micronaut folds a list directly under {@code policies} into one map: refused with a clear message. */
  @Test
  void aListOfPoliciesWithoutKeysIsAConfigurationError() {
    assertThatThrownBy(() -> settingsOf(Map.of(
        "lockllm.policies[0].name", "Internal data",
        "lockllm.policies[0].categories[0].patterns[0]", "project (falcon|osprey)")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("lockllm.policies.<key>");
  }

  /** Nested maps and lists, as Micronaut's YAML loader hands a YAML file to the environment. */
  @Test
  void yamlPoliciesWithListsOfCategoriesBindTyped() {
    Map<String, Object> yaml = Map.of("lockllm", Map.of(
        "policy-similarity", 0.6,
        "policies", Map.of(
            "no-medical", Map.of(
                "name", "No medical advice",
                "categories", List.of(
                    Map.of("name", "Diagnosis",
                        "phrases", List.of("diagnose my symptoms", "what illness do I have"),
                        "examples", List.of("Which disease do I have, given these symptoms?")),
                    Map.of("name", "Dosage", "patterns", List.of("\\bhow many (pills|tablets)\\b")))),
            "no-finance", Map.of("categories", Map.of(
                "invest", Map.of("phrases", "stock tips, insider trading"))))));
    LockLLMSettings settings = settingsOf(yaml);
    assertThat(settings.engineSettings().policySimilarity()).isEqualTo(0.6);
    assertThat(settings.policies()).isEqualTo(ContractSettings.YAML_POLICIES);
    assertThat(settings.scanner(null, Map.of())).isNotNull();
  }

  /** The answer side's options as Micronaut's YAML loader hands them over: nested maps, lists, YAML's own types. */
  @Test
  void yamlOutputOptionsBindAsTheStringReaderReadsThem() {
    Map<String, Object> yaml = Map.of("lockllm", Map.of(
        "output", Map.of(
            "enabled", true,
            "secrets", false,
            "allowed-hosts", List.of("example.com", "*.cdn.example.com"),
            "max-buffered-bytes", "1MB",
            "patterns", Map.of("ticket", Map.of("regex", "TICKET-[0-9]{6}", "action", "block", "max-span", 32)),
            "allowlist", Map.of("docs", Map.of("pattern", "sk-test-[0-9]+", "owner", "docs", "reason", "examples"))),
        "canary", Map.of("enabled", true, "position", "start")));
    LockLLMSettings settings = settingsOf(yaml);
    assertThat(settings).isEqualTo(LockLLMSettings.fromMap(Map.ofEntries(
        Map.entry("output.enabled", "true"), Map.entry("output.secrets", "off"),
        Map.entry("output.allowed-hosts", "example.com,*.cdn.example.com"), Map.entry("output.max-buffered-bytes", "1MB"),
        Map.entry("output.patterns.ticket.regex", "TICKET-[0-9]{6}"), Map.entry("output.patterns.ticket.action", "block"),
        Map.entry("output.patterns.ticket.max-span", "32"), Map.entry("output.allowlist.docs.pattern", "sk-test-[0-9]+"),
        Map.entry("output.allowlist.docs.owner", "docs"), Map.entry("output.allowlist.docs.reason", "examples"),
        Map.entry("canary.enabled", "true"), Map.entry("canary.position", "start"))));
  }

  @Test
  void aBadOutputEntryNamesItsProperty() {
    assertThatThrownBy(() -> settingsOf(Map.of("lockllm.output.allowlist.docs.pattern", "x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("output.allowlist.docs").hasMessageContaining("owner");
    assertThatThrownBy(() -> settingsOf(Map.of("lockllm.output.allowlist[0].owner", "docs")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("lockllm.output.allowlist.<key>");
  }

  private static LockLLMSettings settingsOf(Map<String, Object> properties) {
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      return context.getBean(LockLLMConfiguration.class).toSettings().build();
    }
  }
}
