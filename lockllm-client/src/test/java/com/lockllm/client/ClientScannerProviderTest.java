package com.lockllm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.config.Scanners;
import com.lockllm.error.ConfigurationException;
import com.lockllm.error.NetworkException;
import com.lockllm.remote.ClientListener;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The core finds this module's provider and builds the client from its settings. */
class ClientScannerProviderTest {
  private static final String KEY = "llm_key_1234567890";

  private static LockLLMClient clientOf(Object scanner) {
    assertThat(scanner).isInstanceOf(RemoteScanner.class);
    return ((RemoteScanner) scanner).client();
  }

  @Test
  void anApiKeyInTheEnvironmentSelectsTheClient() {
    LockLLMClient client = clientOf(Scanners.select(null, Map.of("LOCKLLM_API_KEY", KEY)));
    assertThat(client.baseUrl()).isEqualTo(LockLLMClient.DEFAULT_BASE_URL);
    assertThat(client.toString()).contains("circuitBreaker=5 failures/PT30S");

    assertThat(clientOf(Scanners.select(null, Map.of("LOCKLLM_API_KEY", KEY, "LOCKLLM_BASE_URL", "http://localhost:9000/")))
        .baseUrl()).isEqualTo("http://localhost:9000");
  }

  @Test
  void everyApiOptionReachesTheClient() {
    LockLLMSettings settings = LockLLMSettings.fromMap(Map.of("api-key", KEY, "timeout", "5s", "max-retries", "1",
        "total-timeout", "8s", "circuit-breaker-failures", "2", "circuit-breaker-open-for", "1m"));

    LockLLMClient client = clientOf(settings.scanner(null, Map.of()));

    assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(client.maxRetries()).isEqualTo(1);
    assertThat(client.totalTimeout()).isEqualTo(Duration.ofSeconds(8));
    assertThat(client.toString()).contains("circuitBreaker=2 failures/PT1M");
    assertThat(clientOf(LockLLMSettings.fromMap(Map.of("api-key", KEY, "circuit-breaker-failures", "0"))
        .scanner(null, Map.of())).toString()).contains("circuitBreaker=off");
    assertThat(clientOf(LockLLMSettings.fromMap(Map.of("api-key", KEY, "circuit-breaker-open-for", "10s"))
        .scanner(null, Map.of())).toString()).contains("circuitBreaker=5 failures/PT10S");
  }

  @Test
  void theAssemblysListenerHearsTheClient() {
    ClientListener.CircuitState[] seen = new ClientListener.CircuitState[1];
    ClientListener listener = new ClientListener() {
      @Override
      public void circuitChanged(CircuitState state) {
        seen[0] = state;
      }
    };
    LockLLMClient client = clientOf(LockLLMSettings.fromMap(Map.of("api-key", KEY, "base-url", "http://127.0.0.1:1",
            "max-retries", "0", "circuit-breaker-failures", "1", "timeout", "1s"))
        .assembly().env(Map.of()).listener(listener).scanner());

    assertThatThrownBy(() -> client.scan("hello", null)).isInstanceOf(NetworkException.class);
    assertThat(seen[0]).isEqualTo(ClientListener.CircuitState.OPEN);
  }

  @Test
  void badSettingsAreConfigurationErrorsThatSayWhere() {
    assertThatThrownBy(() -> Scanners.select(null, Map.of("LOCKLLM_API_KEY", "k", "LOCKLLM_BASE_URL", "nope://x")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("LOCKLLM_BASE_URL")
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("scanner", "remote")).scanner(null, Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("API key is required");
  }
}
