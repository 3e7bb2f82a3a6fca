package com.lockllm.samples.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.samples.gateway.proxy.GatewayProperties;
import com.lockllm.samples.gateway.proxy.Providers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which upstream configurations readiness reports as unusable, and that it never quotes a value. */
class UpstreamCheckTest {
  private final GatewayProperties properties = new GatewayProperties();

  private List<String> problems(Map<String, String> env) {
    return UpstreamCheck.problems(properties, new Providers(properties.getProviders(), env::get), env::get);
  }

  private GatewayProperties.Provider provider(String name) {
    return properties.getProviders().computeIfAbsent(name, n -> new GatewayProperties.Provider());
  }

  @Test
  void theEchoModelAndTheDefaultsAreUsable() {
    assertThat(problems(Map.of())).isEmpty();
  }

  @Test
  void usableUpstreamsAndProviders() {
    properties.getUpstream().setBaseUrl("http://127.0.0.1:9000/v1");
    properties.getUpstream().setApiKey("sk-up");
    provider("openai").setKey("sk-openai");
    provider("azure").setBaseUrl("https://res.openai.azure.com/openai/deployments/dep");
    provider("local").setBaseUrl("HTTPS://models.internal/v1");

    assertThat(problems(Map.of("LOCKLLM_PROVIDER_GROQ_KEY", "gsk"))).isEmpty();
  }

  @Test
  void aBaseUrlThatIsNotAnAbsoluteHttpUrl() {
    properties.getUpstream().setBaseUrl("ftp://user:secret-pw@models.internal/v1");
    provider("openai").setBaseUrl("api.openai.com/v1");
    provider("local").setBaseUrl("http://exa mple/v1");

    List<String> problems = problems(Map.of());

    assertThat(problems).containsExactlyInAnyOrder(
        "lockllm.gateway.upstream.base-url is not an absolute http(s) URL",
        "lockllm.gateway.providers.openai.base-url is not an absolute http(s) URL",
        "lockllm.gateway.providers.local.base-url is not an absolute http(s) URL");
    assertThat(String.join(" ", problems)).doesNotContain("secret-pw", "models.internal", "exa mple");
  }

  @Test
  void aDefaultUpstreamKeyWithoutItsUpstream() {
    properties.getUpstream().setApiKey("sk-up");

    assertThat(problems(Map.of())).singleElement().asString()
        .startsWith("lockllm.gateway.upstream.api-key is set but upstream.base-url is not").doesNotContain("sk-up");
  }

  @Test
  void providersWithoutTheBaseUrlTheyNeed() {
    provider("bedrock").setKey("br-key");
    provider("custom");

    assertThat(problems(Map.of("LOCKLLM_PROVIDER_VERTEX_AI_KEY", "ya29"))).containsExactlyInAnyOrder(
        "lockllm.gateway.providers.bedrock.base-url is not set: bedrock has no public base URL",
        "lockllm.gateway.providers.vertex-ai.base-url is not set: vertex-ai has no public base URL",
        "lockllm.gateway.providers.custom.base-url is not set: custom is not a LockLLM provider, so it needs one");
  }
}
