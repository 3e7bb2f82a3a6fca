package com.lockllm;

import com.lockllm.client.LockLLMClient;
import com.lockllm.client.RemoteScanner;
import com.lockllm.error.ConfigurationException;
import com.lockllm.scan.EngineSettings;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.ScannerProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Picks the {@link Scanner} an interceptor uses when the application did not configure one fully:
 * an explicit scanner wins; otherwise an API key in {@value #API_KEY_ENV} selects the LockLLM API
 * ({@link RemoteScanner}, base URL from {@value #BASE_URL_ENV} when set); otherwise the first
 * {@link ScannerProvider} on the class path (the embedded engine, {@code lockllm-engine}).
 */
public final class Scanners {
  public static final String API_KEY_ENV = "LOCKLLM_API_KEY";
  public static final String BASE_URL_ENV = "LOCKLLM_BASE_URL";
  static final String NO_SCANNER_MESSAGE =
      "No LockLLM scanner available: add the lockllm-engine dependency to scan locally, or set "
          + API_KEY_ENV + " to scan with the LockLLM API";

  private Scanners() {}

  /** As {@link #select(Scanner, Map)} with the process environment. */
  public static Scanner select(Scanner explicit) {
    return select(explicit, System.getenv());
  }

  /**
   * The scanner to use: {@code explicit} when not {@code null}, else one chosen from {@code env}
   * and the class path as described above.
   *
   * @throws ConfigurationException when there is nothing to choose, or a provider fails to load
   */
  public static Scanner select(Scanner explicit, Map<String, String> env) {
    return select(explicit, env, Scanners::loadProviders);
  }

  static Scanner select(Scanner explicit, Map<String, String> env, Iterable<ScannerProvider> providers) {
    if (explicit != null) {
      return explicit;
    }
    String apiKey = env.get(API_KEY_ENV);
    if (apiKey != null && !apiKey.isBlank()) {
      LockLLMClient.Builder client = LockLLMClient.builder().apiKey(apiKey);
      String baseUrl = env.get(BASE_URL_ENV);
      if (baseUrl != null && !baseUrl.isBlank()) {
        client.baseUrl(baseUrl);
      }
      return remote(client, BASE_URL_ENV);
    }
    return embedded(providers);
  }

  /**
   * A {@link RemoteScanner} over the client {@code client} builds.
   *
   * @throws ConfigurationException for a bad client setting (a malformed base URL, say), its message
   *     starting with {@code source} so the user knows where to look
   */
  public static Scanner remote(LockLLMClient.Builder client, String source) {
    try {
      return RemoteScanner.create(client.build());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * The scanner of the first {@link ScannerProvider} on the class path: the embedded engine when
   * {@code lockllm-engine} is there.
   *
   * @throws ConfigurationException when there is none, or it fails to load
   */
  public static Scanner embedded() {
    return embedded(EngineSettings.DEFAULTS);
  }

  /**
   * As {@link #embedded()}, with settings for the provider ({@link ScannerProvider#create(EngineSettings)}).
   *
   * @throws ConfigurationException when there is no provider, it fails to load, or it rejects a setting
   */
  public static Scanner embedded(EngineSettings settings) {
    return embedded(Scanners::loadProviders, settings);
  }

  static Scanner embedded(Iterable<ScannerProvider> providers) {
    return embedded(providers, EngineSettings.DEFAULTS);
  }

  static Scanner embedded(Iterable<ScannerProvider> providers, EngineSettings settings) {
    try {
      Iterator<ScannerProvider> it = providers.iterator();
      if (it.hasNext()) {
        return it.next().create(settings);
      }
    } catch (ServiceConfigurationError e) {
      throw new ConfigurationException(
          "Could not load a " + ScannerProvider.class.getName() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    throw new ConfigurationException(NO_SCANNER_MESSAGE);
  }

  private static Iterator<ScannerProvider> loadProviders() {
    Iterator<ScannerProvider> it = ServiceLoader.load(ScannerProvider.class).iterator();
    if (it.hasNext()) {
      return it;
    }
    // The context class loader may not see the library (some containers); try ours too.
    return ServiceLoader.load(ScannerProvider.class, Scanners.class.getClassLoader()).iterator();
  }
}
