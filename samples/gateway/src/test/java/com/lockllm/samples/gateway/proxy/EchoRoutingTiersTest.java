package com.lockllm.samples.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The echo routing tiers go to the embedded engine only, decided as the starter picks the scanner. */
class EchoRoutingTiersTest {
  static boolean remote(Map<String, String> settings, String envKey) {
    return ProxyConfiguration.remote(settings, envKey == null ? Map.of() : Map.of("LOCKLLM_API_KEY", envKey));
  }

  @Test
  void remoteWhenAKeyIsSetUnlessTheScannerIsPinned() {
    assertThat(remote(Map.of(), null)).isFalse();
    assertThat(remote(Map.of(), " ")).isFalse();
    assertThat(remote(Map.of(), "k")).isTrue();
    assertThat(remote(Map.of("api-key", "k"), null)).isTrue();
    assertThat(remote(Map.of("api-key", "k", "scanner", "embedded"), "k")).isFalse();
    assertThat(remote(Map.of("scanner", "REMOTE"), null)).isTrue();
    assertThat(remote(Map.of("scanner", "auto"), "k")).isTrue();
  }

  @Test
  void tiersAreAddedForTheEngineAndPropertiesWin() {
    Map<String, String> settings = new HashMap<>(Map.of("routing.models.low", "mine", "scanner", "embedded"));
    new ProxyConfiguration().echoRoutingTiers().customize(settings);
    assertThat(settings).containsEntry("routing.models.low", "mine").containsEntry("routing.models.medium", "echo-1")
        .containsEntry("routing.models.high", "echo-large");
    Map<String, String> remote = new HashMap<>(Map.of("scanner", "remote"));
    new ProxyConfiguration().echoRoutingTiers().customize(remote);
    assertThat(remote).doesNotContainKey("routing.models.medium");
  }
}
