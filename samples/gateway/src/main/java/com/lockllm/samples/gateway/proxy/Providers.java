package com.lockllm.samples.gateway.proxy;

import com.lockllm.client.ProxyUrls;
import com.lockllm.error.ConfigurationException;
import com.lockllm.error.LockLLMException;
import com.lockllm.samples.gateway.proxy.Upstream.AuthStyle;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The upstreams of {@code /v1/proxy/{provider}/...}: the LockLLM providers (names as in
 * {@link ProxyUrls#providers()}) with their public base URLs, and custom OpenAI-compatible ones
 * configured by name. A provider's key is {@code lockllm.gateway.providers.<name>.key}, else the
 * environment variable {@code LOCKLLM_PROVIDER_<NAME>_KEY} ({@code vertex-ai}: {@code VERTEX_AI}).
 */
public final class Providers {
  /** Public base URLs, the prefix each vendor's SDK appends its paths to; null: no public one. */
  private static final Map<String, String> BASE_URLS = Map.ofEntries(
      Map.entry("openai", "https://api.openai.com/v1"),
      Map.entry("anthropic", "https://api.anthropic.com"),
      Map.entry("gemini", "https://generativelanguage.googleapis.com"),
      Map.entry("cohere", "https://api.cohere.com"),
      Map.entry("openrouter", "https://openrouter.ai/api/v1"),
      Map.entry("perplexity", "https://api.perplexity.ai"),
      Map.entry("mistral", "https://api.mistral.ai/v1"),
      Map.entry("groq", "https://api.groq.com/openai/v1"),
      Map.entry("deepseek", "https://api.deepseek.com/v1"),
      Map.entry("together", "https://api.together.xyz/v1"),
      Map.entry("xai", "https://api.x.ai/v1"),
      Map.entry("fireworks", "https://api.fireworks.ai/inference/v1"),
      Map.entry("anyscale", "https://api.endpoints.anyscale.com/v1"),
      Map.entry("huggingface", "https://router.huggingface.co/v1"));

  private final Map<String, GatewayProperties.Provider> configured;
  private final Function<String, String> env;

  /** @param env the environment, {@code System::getenv} outside tests */
  public Providers(Map<String, GatewayProperties.Provider> configured, Function<String, String> env) {
    this.configured = configured.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(e -> Upstream.normalize(e.getKey()), Map.Entry::getValue));
    this.env = env;
  }

  /**
   * The upstream named {@code provider} (case-insensitive).
   *
   * @throws LockLLMException 404 for a name that is neither a LockLLM provider nor configured;
   *     {@link ConfigurationException} (400) for Azure, Bedrock or Vertex AI without a base URL
   */
  public Upstream find(String provider) {
    String name = Upstream.normalize(provider);
    GatewayProperties.Provider props = configured.get(name);
    String baseUrl = props != null && hasText(props.getBaseUrl()) ? props.getBaseUrl() : BASE_URLS.get(name);
    boolean known = ProxyUrls.providers().contains(name);
    if (!known && baseUrl == null) {
      throw new LockLLMException("Unknown provider '" + provider + "': use one of " + ProxyUrls.providers()
          + " or configure lockllm.gateway.providers." + name + ".base-url", "invalid_request_error",
          "unknown_provider", 404, null);
    }
    if (baseUrl == null) {
      throw new ConfigurationException("Provider '" + name + "' has no public base URL: set lockllm.gateway.providers."
          + name + ".base-url");
    }
    String key = props != null && hasText(props.getKey()) ? props.getKey() : env.apply(envName(name));
    return new Upstream(name, URI.create(baseUrl), hasText(key) ? key : null, authStyle(name));
  }

  /**
   * Whether any provider has a key: configured, or from {@code LOCKLLM_PROVIDER_<NAME>_KEY} for a
   * LockLLM provider or a configured one.
   */
  public boolean anyKey() {
    Set<String> names = new TreeSet<>(ProxyUrls.providers());
    names.addAll(configured.keySet());
    for (String name : names) {
      GatewayProperties.Provider props = configured.get(name);
      if ((props != null && hasText(props.getKey())) || hasText(env.apply(envName(name)))) {
        return true;
      }
    }
    return false;
  }

  /** {@code LOCKLLM_PROVIDER_<NAME>_KEY}, e.g. {@code LOCKLLM_PROVIDER_VERTEX_AI_KEY}. */
  static String envName(String provider) {
    return "LOCKLLM_PROVIDER_" + provider.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_KEY";
  }

  private static AuthStyle authStyle(String name) {
    return switch (name) {
      case "anthropic" -> AuthStyle.ANTHROPIC;
      case "gemini" -> AuthStyle.GOOGLE;
      case "azure" -> AuthStyle.AZURE;
      default -> AuthStyle.BEARER;
    };
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }
}
