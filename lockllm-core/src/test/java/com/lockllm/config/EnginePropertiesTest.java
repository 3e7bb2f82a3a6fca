package com.lockllm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.error.ConfigurationException;
import com.lockllm.scan.CustomPolicy;
import com.lockllm.scan.ModelRouting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flat {@code policies.*} and {@code routing.*} layout of {@code web.xml} and the CLI, read into typed settings. */
class EnginePropertiesTest {
  @Test
  void readsPoliciesByKeyAndByIndexInOrder() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("lockllm.policy-similarity", "0.6");
    p.put("lockllm.policies.finance.name", "No Financial Advice");
    p.put("lockllm.policies.finance.description", "No investment advice");
    p.put("lockllm.policies.finance.categories.invest.name", "Investment Guidance");
    p.put("lockllm.policies.finance.categories.invest.phrases", "stock tips,insider trading");
    p.put("lockllm.policies.finance.categories.invest.examples[0]", "Which stocks should I buy, and when?");
    p.put("lockllm.policies[1].name", "Internal Data");
    p.put("lockllm.policies[1].categories[0].name", "Project Codenames");
    p.put("lockllm.policies[1].categories[0].patterns[10]", "project (falcon|osprey)");
    p.put("lockllm.policies[1].categories[0].patterns[9]", "PRJ-\\d{4,5}");
    LockLLMSettings settings = LockLLMSettings.fromMap(p);

    assertThat(settings.engineSettings().policySimilarity()).isEqualTo(0.6);
    assertThat(settings.policies()).containsExactly(
        new CustomPolicy("Internal Data", null, List.of(new CustomPolicy.Category("Project Codenames", null,
            List.of(), List.of("PRJ-\\d{4,5}", "project (falcon|osprey)"), List.of()))),
        new CustomPolicy("No Financial Advice", "No investment advice", List.of(new CustomPolicy.Category(
            "Investment Guidance", null, List.of("stock tips", "insider trading"), List.of(),
            List.of("Which stocks should I buy, and when?")))));
  }

  @Test
  void readsRouting() {
    LockLLMSettings settings = LockLLMSettings.fromMap(Map.of("routing.models.low", "mini",
        "routing.rules.b.model", "m2", "routing.rules.a.tier", "HIGH", "routing.rules.a.model", "m1"));
    assertThat(settings.routing()).isEqualTo(new ModelRouting("mini", null, null,
        List.of(new ModelRouting.Rule("a", "*", "high", "m1"), new ModelRouting.Rule("b", null, null, "m2"))));
  }

  @Test
  void aMalformedKeyOrAnUnnamedEntryIsAConfigurationErrorNamingIt() {
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("policies.a.categorie.b.phrases", "x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("policies.a.categorie.b.phrases");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("policies[0].categories.c.phrases", "x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("policy [0] has no name");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("routing.rules.x.tier", "low")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("routing rule 'x' has no model");
  }
}
