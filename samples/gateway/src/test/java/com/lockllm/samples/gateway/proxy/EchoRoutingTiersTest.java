package com.lockllm.samples.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.scan.ModelRouting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The echo routing tiers go to the embedded engine only, decided as the starter picks the scanner. */
class EchoRoutingTiersTest {
  @Test
  void tiersAreAddedForTheEngineAndPropertiesWin() {
    LockLLMSettings.Builder settings = LockLLMSettings.builder()
        .scanner(LockLLMSettings.ScannerKind.EMBEDDED).routing(new ModelRouting("mine", null, null, List.of()));
    new ProxyConfiguration().echoRoutingTiers().customize(settings);
    assertThat(settings.build().routing()).isEqualTo(new ModelRouting("mine", "echo-1", "echo-large", List.of()));

    LockLLMSettings.Builder remote = LockLLMSettings.builder().scanner(LockLLMSettings.ScannerKind.REMOTE);
    new ProxyConfiguration().echoRoutingTiers().customize(remote);
    assertThat(remote.build().engineSettings().isDefault()).isTrue();
  }
}
