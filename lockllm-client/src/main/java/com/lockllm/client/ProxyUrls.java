package com.lockllm.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * URLs of the LockLLM proxy: one per supported provider ({@code {base}/v1/proxy/<provider>}, for
 * bring-your-own-key use) and the universal one ({@code {base}/v1/proxy}, paid with LockLLM
 * credits). Give a vendor SDK one of these as its base URL and the LockLLM key as its API key.
 */
public final class ProxyUrls {
  /** The LockLLM API base URL the default proxy URLs are built on. */
  public static final String DEFAULT_BASE_URL = "https://api.lockllm.com";

  private static final String PROXY_PATH = "/v1/proxy";
  private static final List<String> PROVIDERS =
      List.of(
          "openai", "anthropic", "gemini", "cohere", "openrouter", "perplexity", "mistral", "groq",
          "deepseek", "together", "xai", "fireworks", "anyscale", "huggingface", "azure", "bedrock",
          "vertex-ai");
  private static final Map<String, String> DEFAULT_URLS = urls(DEFAULT_BASE_URL);

  private ProxyUrls() {}

  /** The 17 supported provider names, in the SDKs' order. */
  public static List<String> providers() {
    return PROVIDERS;
  }

  /**
   * The proxy URL of {@code provider} (case-insensitive), e.g.
   * {@code https://api.lockllm.com/v1/proxy/openai}.
   *
   * @throws IllegalArgumentException for an unknown provider, naming the supported ones
   */
  public static String proxyUrl(String provider) {
    return DEFAULT_URLS.get(normalize(provider));
  }

  /** As {@link #proxyUrl(String)}, on a custom LockLLM base URL such as {@code https://lockllm.internal}. */
  public static String proxyUrl(String baseUrl, String provider) {
    return universalProxyUrl(baseUrl) + '/' + normalize(provider);
  }

  /** Every provider's proxy URL, in the SDKs' order; an unmodifiable copy. */
  public static Map<String, String> allProxyUrls() {
    return DEFAULT_URLS;
  }

  /** As {@link #allProxyUrls()}, on a custom LockLLM base URL. */
  public static Map<String, String> allProxyUrls(String baseUrl) {
    return urls(baseUrl);
  }

  /**
   * The universal proxy, {@code https://api.lockllm.com/v1/proxy}: an OpenAI-compatible base URL
   * (requests go to {@code .../v1/proxy/chat/completions}) that needs no provider key.
   */
  public static String universalProxyUrl() {
    return DEFAULT_BASE_URL + PROXY_PATH;
  }

  /** As {@link #universalProxyUrl()}, on a custom LockLLM base URL. */
  public static String universalProxyUrl(String baseUrl) {
    return stripSlash(baseUrl) + PROXY_PATH;
  }

  private static Map<String, String> urls(String baseUrl) {
    String universal = universalProxyUrl(baseUrl);
    Map<String, String> urls = new LinkedHashMap<>();
    for (String provider : PROVIDERS) {
      urls.put(provider, universal + '/' + provider);
    }
    return Collections.unmodifiableMap(urls);
  }

  private static String normalize(String provider) {
    String name = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
    if (!PROVIDERS.contains(name)) {
      throw new IllegalArgumentException(
          "provider must be one of " + PROVIDERS + ", got '" + provider + "'");
    }
    return name;
  }

  private static String stripSlash(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("baseUrl must not be blank, got '" + baseUrl + "'");
    }
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }
}
