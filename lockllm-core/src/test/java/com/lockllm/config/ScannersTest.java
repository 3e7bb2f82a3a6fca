package com.lockllm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.error.ConfigurationException;
import com.lockllm.remote.ClientListener;
import com.lockllm.remote.RemoteScannerProvider;
import com.lockllm.remote.RemoteSettings;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.ScannerProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;

class ScannersTest {
  private static final Scanner EXPLICIT = request -> ScanResponse.builder().build();

  @Test
  void explicitScannerWins() {
    assertThat(Scanners.select(EXPLICIT, Map.of("LOCKLLM_API_KEY", "llm_key_1234567890"))).isSameAs(EXPLICIT);
    assertThat(Scanners.select(EXPLICIT)).isSameAs(EXPLICIT);
  }

  @Test
  void apiKeySelectsTheRemoteApi() {
    Scanner scanner = Scanners.select(null, Map.of("LOCKLLM_API_KEY", "llm_key_1234567890"));

    assertThat(scanner).isInstanceOfSatisfying(TestRemoteScannerProvider.Remote.class, remote -> {
      assertThat(remote.settings().apiKey()).isEqualTo("llm_key_1234567890");
      assertThat(remote.settings().baseUrl()).as("the client's default").isNull();
    });
  }

  @Test
  void baseUrlComesFromTheEnvironment() {
    Scanner scanner =
        Scanners.select(null, Map.of("LOCKLLM_API_KEY", "llm_key_1234567890", "LOCKLLM_BASE_URL", "http://localhost:9000/"));

    assertThat(((TestRemoteScannerProvider.Remote) scanner).settings().baseUrl()).isEqualTo("http://localhost:9000/");
  }

  @Test
  void withoutKeyTheServiceLoaderProviderIsUsed() {
    assertThat(Scanners.select(null, Map.of())).isSameAs(TestScannerProvider.SCANNER);
    assertThat(Scanners.select(null, Map.of("LOCKLLM_API_KEY", "  "))).isSameAs(TestScannerProvider.SCANNER);
  }

  @Test
  void theFirstProviderWins() {
    Scanner second = request -> null;
    List<ScannerProvider> providers = List.of(() -> EXPLICIT, () -> second);

    assertThat(Scanners.embedded(providers)).isSameAs(EXPLICIT);
  }

  @Test
  void nothingToChooseIsAConfigurationError() {
    assertThatThrownBy(() -> Scanners.embedded(List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("lockllm-engine")
        .hasMessageContaining("LOCKLLM_API_KEY");
  }

  @Test
  void brokenProviderIsAConfigurationError() {
    Iterable<ScannerProvider> broken =
        () -> new Iterator<>() {
          @Override
          public boolean hasNext() {
            throw new ServiceConfigurationError("bad provider class");
          }

          @Override
          public ScannerProvider next() {
            throw new IllegalStateException();
          }
        };

    assertThatThrownBy(() -> Scanners.embedded(broken))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("bad provider class");
  }

  @Test
  void theApiWithoutItsClientSaysWhichDependencyToAdd() {
    RemoteSettings settings = new RemoteSettings("k", null, null, null, null, null, null, ClientListener.NONE);

    assertThatThrownBy(() -> Scanners.remote(settings, List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("com.lockllm:lockllm-client")
        .hasMessageContaining("scanner=embedded");
  }

  @Test
  void aSettingTheClientRefusesIsAConfigurationError() {
    RemoteScannerProvider refusing = s -> {
      throw new IllegalArgumentException("baseUrl is not a valid URL");
    };
    RemoteSettings settings = new RemoteSettings("k", "nope", null, null, null, null, null, ClientListener.NONE);

    assertThatThrownBy(() -> Scanners.remote(settings, List.of(refusing)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("LOCKLLM_BASE_URL")
        .hasMessageContaining("baseUrl is not a valid URL");
  }

  @Test
  void selectedScannerScans() {
    assertThat(Scanners.select(null, Map.of()).scan(ScanRequest.of("hi", ScanOptions.empty())).safe())
        .isTrue();
  }
}
