package com.lockllm.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemoteSettingsTest {
  @Test
  void theKeyIsNeverShown() {
    RemoteSettings settings = new RemoteSettings("llm_secret_key_123456", "http://localhost:9000", Duration.ofSeconds(5),
        2, null, 0, null, ClientListener.NONE);

    assertThat(settings.toString()).doesNotContain("llm_secret").contains("apiKey=(set)", "maxRetries=2",
        "circuitBreakerFailures=0");
    assertThat(new RemoteSettings(null, null, null, null, null, null, null, ClientListener.NONE).toString())
        .contains("apiKey=null");
  }

  @Test
  void aListenerIsRequired() {
    assertThatThrownBy(() -> new RemoteSettings("k", null, null, null, null, null, null, null))
        .isInstanceOf(NullPointerException.class).hasMessage("listener");
  }
}
