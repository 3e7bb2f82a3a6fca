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
  void flatPropertiesWithIndicesAndCommaListsComeOutUnchanged() {
    Map<String, String> map = settingsOf(Map.of(
        "lockllm.policies.no-medical.categories[0].phrases[0]", "diagnose my symptoms",
        "lockllm.policies.no-medical.categories[0].phrases[1]", "what illness do I have",
        "lockllm.policies.no-medical.categories.diagnosis.phrases", "a,b")).engineSettings();
    assertThat(map).containsEntry("policies.no-medical.categories[0].phrases[0]", "diagnose my symptoms")
        .containsEntry("policies.no-medical.categories[0].phrases[1]", "what illness do I have")
        .containsEntry("policies.no-medical.categories.diagnosis.phrases", "a,b");
    assertThat(map.keySet().stream().filter(k -> k.startsWith("polic"))).hasSize(3);
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
  void yamlPoliciesWithListsOfCategoriesComeOutInTheEnginesFlatLayout() {
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
    Map<String, String> map = settings.engineSettings();
    assertThat(map).containsEntry("policy-similarity", "0.6")
        .containsEntry("policies.no-medical.name", "No medical advice")
        .containsEntry("policies.no-medical.categories[0].name", "Diagnosis")
        .containsEntry("policies.no-medical.categories[0].phrases[0]", "diagnose my symptoms")
        .containsEntry("policies.no-medical.categories[0].phrases[1]", "what illness do I have")
        .containsEntry("policies.no-medical.categories[0].examples[0]", "Which disease do I have, given these symptoms?")
        .containsEntry("policies.no-medical.categories[1].name", "Dosage")
        .containsEntry("policies.no-medical.categories[1].patterns[0]", "\\bhow many (pills|tablets)\\b")
        .containsEntry("policies.no-finance.categories.invest.phrases", "stock tips, insider trading");
    assertThat(map.keySet().stream().filter(k -> k.startsWith("polic"))).hasSize(9);
    assertThat(settings.scanner(null, Map.of())).isNotNull();
  }

  private static LockLLMSettings settingsOf(Map<String, Object> properties) {
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      return context.getBean(LockLLMConfiguration.class).toSettings().build();
    }
  }
}
