package com.lockllm.samples.gateway.proxy;

import java.net.URI;
import java.util.Locale;

/**
 * Where a request is forwarded: a base URL, the key that replaces the client's credentials (or
 * {@code null} to pass the client's through) and the header style that key goes in.
 */
public record Upstream(String name, URI baseUrl, String key, AuthStyle auth) {
  /** How a provider expects its key. */
  public enum AuthStyle {
    /** {@code Authorization: Bearer KEY} (OpenAI and the OpenAI-compatible ones). */
    BEARER,
    /** {@code x-api-key: KEY} and {@code anthropic-version} unless the client sent one. */
    ANTHROPIC,
    /** {@code x-goog-api-key: KEY} (Gemini). */
    GOOGLE,
    /** {@code api-key: KEY} (Azure OpenAI). */
    AZURE;

    /** The header the key goes in, lower-case. */
    String header() {
      return switch (this) {
        case BEARER -> "authorization";
        case ANTHROPIC -> "x-api-key";
        case GOOGLE -> "x-goog-api-key";
        case AZURE -> "api-key";
      };
    }

    String value(String key) {
      return this == BEARER ? "Bearer " + key : key;
    }
  }

  /** {@code baseUrl} with {@code path} (starting with '/', raw) and the raw query (may be null) appended. */
  URI resolve(String path, String query) {
    String base = baseUrl.toString();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(base + path + (query == null || query.isEmpty() ? "" : "?" + query));
  }

  /** The name as routes use it: lower-case. */
  static String normalize(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "Upstream[" + name + " " + baseUrl + ", key " + (key == null ? "unset" : "set") + ", " + auth + "]";
  }
}
