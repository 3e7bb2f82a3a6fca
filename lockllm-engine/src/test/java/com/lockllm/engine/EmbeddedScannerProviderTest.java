package com.lockllm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.Scanners;
import com.lockllm.config.LockLLMSettings;
import com.lockllm.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tier setting, from the provider's map and from {@code lockllm.engine-tier}. */
class EmbeddedScannerProviderTest {
  @Test
  void theTierSettingPicksTheDetectors() {
    assertThat(((EmbeddedScanner) Scanners.embedded(Map.of("tier", "rules"))).tier())
        .isEqualTo(EmbeddedScanner.Tier.RULES);
    assertThat(((EmbeddedScanner) LockLLMSettings.fromMap(Map.of("lockllm.engine-tier", "Lexical"))
        .scanner(null, Map.of())).tier()).isEqualTo(EmbeddedScanner.Tier.LEXICAL);
  }

  @Test
  void withoutTheModelArtifactTheBestTierIsLexicalAndAskingForTheTransformerFailsClearly() {
    assertThat(EmbeddedScanner.Tier.best()).isEqualTo(EmbeddedScanner.Tier.LEXICAL);
    assertThatThrownBy(() -> Scanners.embedded(Map.of("tier", "transformer")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("lockllm-engine-model");
    assertThatThrownBy(() -> Scanners.embedded(Map.of("tier", "fast")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("rules, lexical or transformer");
  }

  @Test
  void anEngineTierWithTheRemoteApiIsAConfigurationError() {
    LockLLMSettings remote = LockLLMSettings.fromMap(Map.of("engine-tier", "rules", "scanner", "remote", "api-key", "k"));
    assertThatThrownBy(() -> remote.scanner(null, Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("engine-tier");
  }
}
