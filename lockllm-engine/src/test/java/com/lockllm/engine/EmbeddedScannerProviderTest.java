package com.lockllm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.config.Scanners;
import com.lockllm.error.ConfigurationException;
import com.lockllm.scan.EngineTier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tier setting, typed and from {@code lockllm.engine-tier}. */
class EmbeddedScannerProviderTest {
  @Test
  void theTierSettingPicksTheDetectors() {
    assertThat(((EmbeddedScanner) Scanners.embedded(LockLLMSettings.builder().engineTier(EngineTier.RULES).build().engineSettings())).tier())
        .isEqualTo(EmbeddedScanner.Tier.RULES);
    assertThat(((EmbeddedScanner) LockLLMSettings.fromMap(Map.of("lockllm.engine-tier", "Lexical"))
        .scanner(null, Map.of())).tier()).isEqualTo(EmbeddedScanner.Tier.LEXICAL);
  }

  @Test
  void withoutTheModelArtifactTheBestTierIsLexicalAndAskingForTheTransformerFailsClearly() {
    assertThat(EmbeddedScanner.Tier.best()).isEqualTo(EmbeddedScanner.Tier.LEXICAL);
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("engine-tier", "transformer")).scanner(null, Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("lockllm-engine-model");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("engine-tier", "fast")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("engine-tier");
  }

  @Test
  void anEngineTierWithTheRemoteApiIsAConfigurationError() {
    LockLLMSettings remote = LockLLMSettings.fromMap(Map.of("engine-tier", "rules", "scanner", "remote", "api-key", "k"));
    assertThatThrownBy(() -> remote.scanner(null, Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("engine-tier");
  }
}
