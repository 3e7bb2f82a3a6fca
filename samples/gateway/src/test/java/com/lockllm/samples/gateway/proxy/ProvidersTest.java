package com.lockllm.samples.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.client.ProxyUrls;
import com.lockllm.error.ConfigurationException;
import com.lockllm.error.LockLLMException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {
  @Test
  void takesKeysFromTheEnvironmentUnlessConfigured() {
    GatewayProperties.Provider openai = new GatewayProperties.Provider();
    openai.setKey("from-properties");
    Map<String, String> env = Map.of("LOCKLLM_PROVIDER_OPENAI_KEY", "from-env",
        "LOCKLLM_PROVIDER_VERTEX_AI_KEY", "vertex-env", "LOCKLLM_PROVIDER_GROQ_KEY", "groq-env");
    GatewayProperties.Provider vertex = new GatewayProperties.Provider();
    vertex.setBaseUrl("https://europe-west4-aiplatform.googleapis.com/v1/projects/p/locations/europe-west4/endpoints/openapi");
    Providers providers = new Providers(Map.of("openai", openai, "vertex-ai", vertex), env::get);

    assertThat(providers.find("openai").key()).isEqualTo("from-properties");
    Upstream groq = providers.find("GROQ");
    assertThat(groq.key()).isEqualTo("groq-env");
    assertThat(groq.baseUrl().toString()).isEqualTo("https://api.groq.com/openai/v1");
    assertThat(groq.toString()).doesNotContain("groq-env");
    assertThat(providers.find("vertex-ai").key()).isEqualTo("vertex-env");
    assertThat(providers.find("anthropic").auth()).isEqualTo(Upstream.AuthStyle.ANTHROPIC);
    assertThat(providers.find("mistral").key()).isNull();
  }

  @Test
  void knowsEveryLockLLMProviderAndNeedsABaseUrlForTheCloudOnes() {
    Providers providers = new Providers(Map.of(), name -> null);
    for (String name : ProxyUrls.providers()) {
      if (name.equals("azure") || name.equals("bedrock") || name.equals("vertex-ai")) {
        assertThatThrownBy(() -> providers.find(name)).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("lockllm.gateway.providers." + name + ".base-url");
      } else {
        assertThat(providers.find(name).baseUrl().getScheme()).isEqualTo("https");
      }
    }
    assertThatThrownBy(() -> providers.find("nowhere")).isInstanceOf(LockLLMException.class)
        .extracting(e -> ((LockLLMException) e).status()).isEqualTo(404);
  }
}
