package com.lockllm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyUrlsTest {
  private static final List<String> PROVIDERS =
      List.of(
          "openai", "anthropic", "gemini", "cohere", "openrouter", "perplexity", "mistral", "groq",
          "deepseek", "together", "xai", "fireworks", "anyscale", "huggingface", "azure", "bedrock",
          "vertex-ai");

  @Test
  void openaiAndAnthropic() {
    assertThat(ProxyUrls.proxyUrl("openai")).isEqualTo("https://api.lockllm.com/v1/proxy/openai");
    assertThat(ProxyUrls.proxyUrl("anthropic")).isEqualTo("https://api.lockllm.com/v1/proxy/anthropic");
  }

  @Test
  void everyProvider() {
    assertThat(ProxyUrls.providers()).containsExactlyElementsOf(PROVIDERS);
    for (String provider : PROVIDERS) {
      assertThat(ProxyUrls.proxyUrl(provider)).isEqualTo("https://api.lockllm.com/v1/proxy/" + provider);
    }
  }

  @Test
  void providerNamesAreCaseInsensitive() {
    assertThat(ProxyUrls.proxyUrl(" Vertex-AI ")).isEqualTo("https://api.lockllm.com/v1/proxy/vertex-ai");
  }

  @Test
  void unknownProviderListsTheValidOnes() {
    assertThatThrownBy(() -> ProxyUrls.proxyUrl("openia"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openia")
        .hasMessageContaining("openai")
        .hasMessageContaining("vertex-ai");
    assertThatThrownBy(() -> ProxyUrls.proxyUrl(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allProxyUrlsIsAnUnmodifiableOrderedMapOf17() {
    Map<String, String> urls = ProxyUrls.allProxyUrls();

    assertThat(urls).hasSize(17);
    assertThat(urls.keySet()).containsExactlyElementsOf(PROVIDERS);
    urls.forEach((provider, url) -> assertThat(url).isEqualTo("https://api.lockllm.com/v1/proxy/" + provider));
    assertThat(ProxyUrls.allProxyUrls()).isEqualTo(urls);
    assertThatThrownBy(() -> urls.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void universalProxy() {
    assertThat(ProxyUrls.universalProxyUrl()).isEqualTo("https://api.lockllm.com/v1/proxy");
  }

  @Test
  void customBaseUrl() {
    assertThat(ProxyUrls.proxyUrl("http://localhost:8080/", "groq")).isEqualTo("http://localhost:8080/v1/proxy/groq");
    assertThat(ProxyUrls.universalProxyUrl("http://localhost:8080")).isEqualTo("http://localhost:8080/v1/proxy");
    assertThat(ProxyUrls.allProxyUrls("https://gw.internal/"))
        .hasSize(17)
        .containsEntry("deepseek", "https://gw.internal/v1/proxy/deepseek");
    assertThatThrownBy(() -> ProxyUrls.universalProxyUrl(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
