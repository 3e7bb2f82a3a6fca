package com.lockllm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.config.LockLLMSettings;
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
  void yamlPoliciesWithListsOfCategoriesComeOutInTheEnginesFlatLayout() throws Exception {
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
        """;
    LockLLMSettings built = yaml(yaml).toSettings().build();
    Map<String, String> settings = built.engineSettings();
    assertThat(settings).containsEntry("policy-similarity", "0.6")
        .containsEntry("policies.no-medical.name", "No medical advice")
        .containsEntry("policies.no-medical.categories[0].name", "Diagnosis")
        .containsEntry("policies.no-medical.categories[0].phrases[0]", "diagnose my symptoms")
        .containsEntry("policies.no-medical.categories[0].phrases[1]", "what illness do I have")
        .containsEntry("policies.no-medical.categories[0].examples[0]", "Which disease do I have, given these symptoms?")
        .containsEntry("policies.no-medical.categories[1].name", "Dosage")
        .containsEntry("policies.no-medical.categories[1].patterns[0]", "\\bhow many (pills|tablets)\\b")
        .containsEntry("policies.no-finance.categories.invest.phrases", "stock tips, insider trading");
    assertThat(settings.keySet().stream().filter(k -> k.startsWith("polic"))).hasSize(9);
    assertThat(built.scanner(null, Map.of())).isNotNull();
  }

  @Test
  void aYamlListOfPoliciesComesOutWithIndices() throws Exception {
    LockLLMSettings built = yaml("""
        lockllm:
          policies:
            - name: Internal data
              categories:
                - name: Codenames
                  patterns:
                    - project (falcon|osprey)
        """).toSettings().build();
    assertThat(built.engineSettings()).containsEntry("policies[0].name", "Internal data")
        .containsEntry("policies[0].categories[0].name", "Codenames")
        .containsEntry("policies[0].categories[0].patterns[0]", "project (falcon|osprey)");
    assertThat(built.scanner(null, Map.of())).isNotNull();
  }

  @Test
  void flatPropertiesWithIndicesAndCommaListsComeOutUnchanged() {
    Map<String, String> flat = Map.of(
        "lockllm.policies.no-medical.categories[0].phrases[0]", "diagnose my symptoms",
        "lockllm.policies.no-medical.categories.diagnosis.phrases", "a,b",
        "lockllm.policies[0].name", "Internal data",
        "lockllm.policies[0].categories[0].name", "Codenames",
        "lockllm.policies[0].categories[0].patterns[0]", "project (falcon|osprey)");
    Map<String, String> settings = bind(flat).toSettings().build().engineSettings();
    assertThat(settings)
        .containsEntry("policies.no-medical.categories[0].phrases[0]", "diagnose my symptoms")
        .containsEntry("policies.no-medical.categories.diagnosis.phrases", "a,b")
        .containsEntry("policies[0].name", "Internal data")
        .containsEntry("policies[0].categories[0].name", "Codenames")
        .containsEntry("policies[0].categories[0].patterns[0]", "project (falcon|osprey)");
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
