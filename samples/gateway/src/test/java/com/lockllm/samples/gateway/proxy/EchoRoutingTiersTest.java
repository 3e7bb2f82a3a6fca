package com.lockllm.samples.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.config.LockLLMSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The echo routing tiers go to the embedded engine only, decided as the starter picks the scanner. */
class EchoRoutingTiersTest {
  @Test
  void tiersAreAddedForTheEngineAndPropertiesWin() {
    LockLLMSettings.Builder settings = LockLLMSettings.builder()
        .scanner(LockLLMSettings.ScannerKind.EMBEDDED).engineOption("routing.models.low", "mine");
    new ProxyConfiguration().echoRoutingTiers().customize(settings);
    assertThat(settings.build().engineSettings()).containsEntry("routing.models.low", "mine")
        .containsEntry("routing.models.medium", "echo-1").containsEntry("routing.models.high", "echo-large");

    LockLLMSettings.Builder remote = LockLLMSettings.builder().scanner(LockLLMSettings.ScannerKind.REMOTE);
    new ProxyConfiguration().echoRoutingTiers().customize(remote);
    assertThat(remote.build().engineSettings()).isEqualTo(Map.of());
  }
}
