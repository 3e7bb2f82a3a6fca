package com.lockllm.config;

import com.lockllm.error.ConfigurationException;
import com.lockllm.remote.RemoteScannerProvider;
import com.lockllm.remote.RemoteSettings;
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
 * (the {@link RemoteScannerProvider} of lockllm-client, base URL from {@value #BASE_URL_ENV} when
 * set); otherwise the first {@link ScannerProvider} on the class path (the embedded engine,
 * {@code lockllm-engine}). Both kinds are found through {@link ServiceLoader}.
 */
public final class Scanners {
  public static final String API_KEY_ENV = "LOCKLLM_API_KEY";
  public static final String BASE_URL_ENV = "LOCKLLM_BASE_URL";
  static final String NO_SCANNER_MESSAGE =
      "No LockLLM scanner available: add the lockllm-engine dependency to scan locally, or set "
          + API_KEY_ENV + " to scan with the LockLLM API";
  static final String NO_CLIENT_MESSAGE =
      "The LockLLM API is selected (scanner=remote, or an API key in api-key or " + API_KEY_ENV
          + ") but its client is not on the class path: add the dependency com.lockllm:lockllm-client, "
          + "or set scanner=embedded to scan locally";

  private Scanners() {}

  /** As {@link #select(Scanner, Map)} with the process environment. */
  public static Scanner select(Scanner explicit) {
    return select(explicit, System.getenv());
  }

  /**
   * The scanner to use: {@code explicit} when not {@code null}, else one chosen from {@code env}
   * and the class path as described above (what default {@link LockLLMSettings} select).
   *
   * @throws ConfigurationException when there is nothing to choose, or a provider fails to load
   */
  public static Scanner select(Scanner explicit, Map<String, String> env) {
    return LockLLMSettings.builder().build().scanner(explicit, env);
  }

  /**
   * The LockLLM API scanner that lockllm-client provides, built with {@code settings}.
   *
   * @throws ConfigurationException when lockllm-client is not on the class path, its provider fails
   *     to load, or it refuses a setting (a missing key, a malformed base URL)
   */
  public static Scanner remote(RemoteSettings settings) {
    return remote(settings, () -> load(RemoteScannerProvider.class));
  }

  static Scanner remote(RemoteSettings settings, Iterable<RemoteScannerProvider> providers) {
    RemoteScannerProvider provider = first(providers, RemoteScannerProvider.class, NO_CLIENT_MESSAGE);
    try {
      return provider.create(settings);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "Invalid LockLLM API settings (lockllm.* options or " + BASE_URL_ENV + "): " + e.getMessage(), e);
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
    return embedded(() -> load(ScannerProvider.class), settings);
  }

  static Scanner embedded(Iterable<ScannerProvider> providers) {
    return embedded(providers, EngineSettings.DEFAULTS);
  }

  static Scanner embedded(Iterable<ScannerProvider> providers, EngineSettings settings) {
    ScannerProvider provider = first(providers, ScannerProvider.class, NO_SCANNER_MESSAGE);
    try {
      return provider.create(settings);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  private static <S> S first(Iterable<S> providers, Class<S> service, String noneMessage) {
    try {
      Iterator<S> it = providers.iterator();
      if (it.hasNext()) {
        return it.next();
      }
    } catch (ServiceConfigurationError e) {
      throw new ConfigurationException("Could not load a " + service.getName() + ": " + e.getMessage(), e);
    }
    throw new ConfigurationException(noneMessage);
  }

  private static <S> Iterator<S> load(Class<S> service) {
    Iterator<S> it = ServiceLoader.load(service).iterator();
    if (it.hasNext()) {
      return it;
    }
    // The context class loader may not see the library (some containers); try ours too.
    return ServiceLoader.load(service, Scanners.class.getClassLoader()).iterator();
  }
}
