package com.lockllm.samples.gateway.ops;

import com.lockllm.client.ProxyUrls;
import com.lockllm.error.ConfigurationException;
import com.lockllm.error.LockLLMException;
import com.lockllm.samples.gateway.proxy.GatewayProperties;
import com.lockllm.samples.gateway.proxy.Providers;
import com.lockllm.samples.gateway.proxy.Upstream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What in the upstream configuration would fail every request it serves, found without calling a
 * provider (a probe must cost no credits and not depend on a provider being up): a base URL that is
 * not an absolute {@code http(s)} URL, a default-upstream key with no default upstream (the echo
 * model would answer, the key never used), a custom provider with no base URL, and Azure, Bedrock
 * or Vertex AI given a key or an entry but no base URL. Messages name the setting, never its value
 * (a URL may carry credentials).
 */
final class UpstreamCheck {
  private UpstreamCheck() {}

  /**
   * The problems, empty when every configured upstream is usable.
   *
   * @param env the environment ({@code LOCKLLM_PROVIDER_<NAME>_KEY}), as {@link Providers} reads it
   */
  static List<String> problems(GatewayProperties properties, Providers providers, Function<String, String> env) {
    List<String> problems = new ArrayList<>();
    GatewayProperties.Upstream upstream = properties.getUpstream();
    if (hasText(upstream.getBaseUrl())) {
      if (!usable(upstream.getBaseUrl())) {
        problems.add("lockllm.gateway.upstream.base-url is not an absolute http(s) URL");
      }
    } else if (hasText(upstream.getApiKey())) {
      problems.add("lockllm.gateway.upstream.api-key is set but upstream.base-url is not: the echo model answers "
          + "the default routes and the key is never used");
    }
    Set<String> names = new TreeSet<>(ProxyUrls.providers());
    properties.getProviders().keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
    for (String name : names) {
      String setting = "lockllm.gateway.providers." + name;
      boolean configured = properties.getProviders().keySet().stream().anyMatch(name::equalsIgnoreCase);
      try {
        Upstream resolved = providers.find(name);
        if (!usable(resolved.baseUrl())) {
          problems.add(setting + ".base-url is not an absolute http(s) URL");
        }
      } catch (ConfigurationException e) {
        if (configured || hasText(env.apply(envName(name)))) {
          problems.add(setting + ".base-url is not set: " + name + " has no public base URL");
        }
      } catch (LockLLMException e) {
        problems.add(setting + ".base-url is not set: " + name + " is not a LockLLM provider, so it needs one");
      } catch (IllegalArgumentException e) {
        problems.add(setting + ".base-url is not an absolute http(s) URL");
      }
    }
    return problems;
  }

  private static boolean usable(String url) {
    try {
      return usable(URI.create(url.strip()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean usable(URI url) {
    String scheme = url.getScheme();
    return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && url.getHost() != null;
  }

  /** {@code LOCKLLM_PROVIDER_<NAME>_KEY}, as the proxy reads a provider's key. */
  static String envName(String provider) {
    return "LOCKLLM_PROVIDER_" + provider.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_KEY";
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }
}
