package com.lockllm.config;

import com.lockllm.Scanners;
import com.lockllm.abuse.ClientKeyResolver;
import com.lockllm.abuse.CounterStore;
import com.lockllm.abuse.InMemoryCounterStore;
import com.lockllm.abuse.RequestPatterns;
import com.lockllm.cache.CachingScanner;
import com.lockllm.cache.CaffeineScanCache;
import com.lockllm.cache.ScanCache;
import com.lockllm.client.ClientListener;
import com.lockllm.client.LockLLMClient;
import com.lockllm.error.ConfigurationException;
import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptFormat;
import com.lockllm.intercept.FailMode;
import com.lockllm.intercept.HeaderTrust;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.intercept.ProtectedRoute;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.RouteAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.Sensitivity;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code lockllm.*} options in one framework-neutral place: every adapter's configuration
 * (servlet init-params, Spring and Micronaut properties) maps onto the same names and is turned into
 * an interceptor here.
 *
 * <p>Names, with or without the {@code lockllm.} prefix: {@value #KNOWN_NAMES_DOC}.
 */
public final class LockLLMSettings {
  static final String KNOWN_NAMES_DOC =
      "enabled, scanner, api-key, base-url, timeout, max-retries, total-timeout, circuit-breaker-failures, "
          + "circuit-breaker-open-for, sensitivity, scan-mode, "
          + "scan-action, policy-action, abuse-action, pii-action, compression, compression-rate, "
          + "chunk, route-action, fail-mode, scan-timeout, max-body-size, max-depth, "
          + "extraction.format, extraction.pointers, extraction.roles, protected-paths, protected-methods, "
          + "abuse.window, abuse.rapid-requests, abuse.duplicate-prompts, abuse.burst-min-requests, "
          + "abuse.max-clients, client-key.header, client-key.trusted-proxies, cache.enabled, cache.ttl, "
          + "cache.max-entries, proxy-headers, engine-tier, policy-similarity, policies.*, routing.*";

  /** Names under this prefix configure the embedded engine's custom policies. */
  static final String POLICIES_PREFIX = "policies";
  /** Names under this prefix configure the embedded engine's routing models. */
  static final String ROUTING_PREFIX = "routing.";
  /** The embedded engine's detector tier, passed to its provider as {@code tier}. */
  static final String ENGINE_TIER = "engine-tier";

  private static final Set<String> KNOWN_NAMES =
      new TreeSet<>(Arrays.stream(KNOWN_NAMES_DOC.split(","))
          .map(String::trim).filter(n -> !n.endsWith(".*")).toList());

  /** Which scanner to use: {@code auto} (key present: remote, else embedded), {@code embedded} or {@code remote}. */
  public enum ScannerKind {
    AUTO,
    EMBEDDED,
    REMOTE
  }

  private final boolean enabled;
  private final ScannerKind scannerKind;
  private final String apiKey;
  private final String baseUrl;
  private final Duration timeout;
  private final Integer maxRetries;
  private final Duration totalTimeout;
  private final Integer breakerFailures;
  private final Duration breakerOpenFor;
  private final ScanOptions scanOptions;
  private final FailMode failMode;
  private final Duration scanTimeout;
  private final ExtractionConfig extraction;
  private final List<String> protectedPaths;
  private final Set<String> protectedMethods;
  private final Map<String, String> engineSettings;
  private final Function<CounterStore, RequestPatterns> abuse;
  private final Integer abuseMaxClients;
  private final ClientKeyResolver clientKeyResolver;
  private final boolean cacheEnabled;
  private final Duration cacheTtl;
  private final int cacheMaxEntries;
  private final boolean proxyHeaders;

  private LockLLMSettings(Map<String, String> values) {
    Reader r = new Reader(values);
    this.enabled = r.get("enabled", Boolean::parseBoolean, true);
    this.scannerKind = r.get("scanner", v -> ScannerKind.valueOf(v.trim().toUpperCase(Locale.ROOT)), ScannerKind.AUTO);
    this.apiKey = r.get("api-key", Function.identity(), null);
    this.baseUrl = r.get("base-url", Function.identity(), null);
    this.timeout = r.get("timeout", LockLLMSettings::parseDuration, null);
    this.maxRetries = r.get("max-retries", Integer::valueOf, null);
    this.totalTimeout = r.get("total-timeout", LockLLMSettings::parseDuration, null);
    this.breakerFailures = r.get("circuit-breaker-failures", Integer::valueOf, null);
    this.breakerOpenFor = r.get("circuit-breaker-open-for", LockLLMSettings::parseDuration, null);
    ScanOptions.Builder options = ScanOptions.builder();
    r.apply("sensitivity", Sensitivity::fromWire, options::sensitivity);
    r.apply("scan-mode", ScanMode::fromWire, options::scanMode);
    r.apply("scan-action", ScanAction::fromWire, options::scanAction);
    r.apply("policy-action", ScanAction::fromWire, options::policyAction);
    r.apply("abuse-action", ScanAction::fromWire, options::abuseAction);
    r.apply("pii-action", PiiAction::fromWire, options::piiAction);
    r.apply("compression", CompressionMethod::fromWire, options::compression);
    r.apply("compression-rate", Double::valueOf, options::compressionRate);
    r.apply("chunk", Boolean::valueOf, options::chunk);
    r.apply("route-action", RouteAction::fromWire, options::routeAction);
    this.scanOptions = options.build();
    this.failMode = r.get("fail-mode", FailMode::fromWire, FailMode.CLOSED);
    this.scanTimeout = r.get("scan-timeout", LockLLMSettings::parseDuration, LockLLMInterceptor.DEFAULT_SCAN_TIMEOUT);
    ExtractionConfig.Builder extractionBuilder = ExtractionConfig.builder();
    r.apply("extraction.format", PromptFormat::fromWire, extractionBuilder::format);
    r.apply("extraction.pointers", LockLLMSettings::list, extractionBuilder::pointers);
    r.apply("extraction.roles", v -> new LinkedHashSet<>(list(v)), extractionBuilder::roles);
    r.apply("max-body-size", LockLLMSettings::parseSize, extractionBuilder::maxBodyBytes);
    r.apply("max-depth", Integer::valueOf, extractionBuilder::maxDepth);
    this.extraction = r.build("extraction", extractionBuilder::build);
    this.protectedPaths = r.get("protected-paths", LockLLMSettings::list, List.of());
    this.protectedMethods = r.get("protected-methods", v -> Set.copyOf(list(v)), ProtectedRoute.DEFAULT_METHODS);
    this.engineSettings = r.engineSettings();
    this.abuseMaxClients = r.get("abuse.max-clients", Integer::valueOf, null);
    Duration window = r.get("abuse.window", LockLLMSettings::parseDuration, null);
    Integer rapid = r.get("abuse.rapid-requests", Integer::valueOf, null);
    Integer duplicates = r.get("abuse.duplicate-prompts", Integer::valueOf, null);
    Integer burstMin = r.get("abuse.burst-min-requests", Integer::valueOf, null);
    this.abuse = store -> {
      RequestPatterns.Builder patterns = RequestPatterns.builder(store);
      if (window != null) {
        patterns.window(window, slotOf(window));
      }
      if (rapid != null) {
        patterns.rapidRequests(rapid);
      }
      if (duplicates != null) {
        patterns.duplicatePrompts(duplicates);
      }
      if (burstMin != null) {
        patterns.burstMinRequests(burstMin);
      }
      return patterns.build();
    };
    r.build("abuse", () -> abuse.apply(InMemoryCounterStore.create(1)));
    ClientKeyResolver network = r.get("client-key.trusted-proxies",
        v -> ClientKeyResolver.remoteAddress(list(v)), ClientKeyResolver.remoteAddress(List.of()));
    String keyHeader = r.get("client-key.header", Function.identity(), null);
    ClientKeyResolver resolver = ClientKeyResolver.principal();
    if (keyHeader != null) {
      resolver = resolver.orElse(ClientKeyResolver.header(keyHeader));
    }
    this.clientKeyResolver = resolver.orElse(network);
    this.cacheEnabled = r.get("cache.enabled", Boolean::parseBoolean, false);
    this.cacheTtl = r.get("cache.ttl", LockLLMSettings::parseDuration, CaffeineScanCache.DEFAULT_TTL);
    this.cacheMaxEntries = r.get("cache.max-entries", Integer::valueOf, CaffeineScanCache.DEFAULT_MAX_ENTRIES);
    r.build("cache", () -> CaffeineScanCache.create(cacheMaxEntries, cacheTtl));
    this.proxyHeaders = r.get("proxy-headers", Boolean::parseBoolean, false);
  }

  /** Ten slots per window, at least one second each. */
  private static Duration slotOf(Duration window) {
    long millis = window.toMillis();
    if (millis < 1000 || millis % 1000 != 0) {
      throw new IllegalArgumentException("the window must be a whole number of seconds, at least 1s: " + window);
    }
    long seconds = millis / 1000;
    return Duration.ofSeconds(seconds % 10 == 0 ? seconds / 10 : 1);
  }

  /**
   * Settings from {@code name -> value} pairs; blank values count as unset.
   *
   * @throws ConfigurationException naming the option for an unknown name or a bad value
   */
  public static LockLLMSettings fromMap(Map<String, String> values) {
    return new LockLLMSettings(values);
  }

  /**
   * Every option name {@link #fromMap} accepts, without the prefix, but for the open-ended {@code
   * policies.*} names; for adapters' completeness tests.
   */
  public static Set<String> knownNames() {
    return Collections.unmodifiableSet(KNOWN_NAMES);
  }

  public boolean enabled() {
    return enabled;
  }

  public ScannerKind scannerKind() {
    return scannerKind;
  }

  public ScanOptions scanOptions() {
    return scanOptions;
  }

  public FailMode failMode() {
    return failMode;
  }

  public Duration scanTimeout() {
    return scanTimeout;
  }

  public ExtractionConfig extraction() {
    return extraction;
  }

  public List<String> protectedPaths() {
    return protectedPaths;
  }

  public Set<String> protectedMethods() {
    return protectedMethods;
  }

  /**
   * The scanner these settings select: {@code explicit} if given; else, by {@link ScannerKind}, the
   * remote LockLLM API (key from {@code api-key} or {@code LOCKLLM_API_KEY}) or the embedded engine
   * (with the {@code policies.*} configured).
   *
   * @throws ConfigurationException when policies are configured for a scanner other than the engine
   *     these settings build
   */
  public Scanner scanner(Scanner explicit, Map<String, String> env) {
    return scanner(explicit, env, ClientListener.NONE);
  }

  /** As {@link #scanner(Scanner, Map)}, with {@code listener} told of the LockLLM API client's calls. */
  public Scanner scanner(Scanner explicit, Map<String, String> env, ClientListener listener) {
    if (explicit != null) {
      requireNoPolicies("your own Scanner; configure it with EmbeddedScanner.builder().policies(...) and .routing(...)");
      return explicit;
    }
    String key = apiKey != null ? apiKey : env.get(Scanners.API_KEY_ENV);
    boolean remote = scannerKind == ScannerKind.REMOTE
        || (scannerKind == ScannerKind.AUTO && key != null && !key.isBlank());
    if (!remote) {
      return Scanners.embedded(engineSettings);
    }
    requireNoPolicies("the LockLLM API, which applies the policies and routing rules of your LockLLM dashboard");
    LockLLMClient.Builder client = LockLLMClient.builder().apiKey(key);
    String url = baseUrl != null ? baseUrl : env.get(Scanners.BASE_URL_ENV);
    if (url != null && !url.isBlank()) {
      client.baseUrl(url);
    }
    if (timeout != null) {
      client.timeout(timeout);
    }
    if (maxRetries != null) {
      client.maxRetries(maxRetries);
    }
    if (totalTimeout != null) {
      client.totalTimeout(totalTimeout);
    }
    if (breakerFailures != null && breakerFailures == 0) {
      client.noCircuitBreaker();
    } else if (breakerFailures != null || breakerOpenFor != null) {
      client.circuitBreaker(breakerFailures != null ? breakerFailures : LockLLMClient.DEFAULT_BREAKER_FAILURES,
          breakerOpenFor != null ? breakerOpenFor : LockLLMClient.DEFAULT_BREAKER_OPEN);
    }
    client.listener(listener);
    return Scanners.remote(client, "Invalid LockLLM API settings");
  }

  private void requireNoPolicies(String scanner) {
    if (!engineSettings.isEmpty()) {
      throw new ConfigurationException("LockLLM engine-tier, policies.* and routing.* settings configure the embedded engine that the "
          + "settings build, but the scanner in use is " + scanner);
    }
  }

  /**
   * {@code scanner} behind a {@link CachingScanner} when {@code cache.enabled} is set, over {@code
   * cache} (a shared cache such as lockllm-redis's) or, when {@code null}, a {@link
   * CaffeineScanCache} of {@code cache.max-entries} and {@code cache.ttl}; else {@code scanner}
   * itself.
   */
  public Scanner cached(Scanner scanner, ScanCache cache) {
    if (!cacheEnabled) {
      return scanner;
    }
    return CachingScanner.create(scanner, cache != null ? cache : CaffeineScanCache.create(cacheMaxEntries, cacheTtl));
  }

  /** An interceptor built from these settings over {@code scanner}, counting abuse in memory. */
  public LockLLMInterceptor interceptor(Scanner scanner) {
    return interceptor(scanner, null);
  }

  /**
   * An interceptor built from these settings over {@code scanner}, counting abuse behaviour in
   * {@code counters} (a shared store such as lockllm-redis's), or in an {@link
   * InMemoryCounterStore} of {@code abuse.max-clients} keys when {@code null}.
   */
  public LockLLMInterceptor interceptor(Scanner scanner, CounterStore counters) {
    return interceptor(scanner, counters, HeaderTrust.NONE);
  }

  /**
   * As {@link #interceptor(Scanner, CounterStore)}, with {@code trust} deciding which clients may
   * loosen the policy with their {@code X-LockLLM-*} headers (under {@code proxy-headers=true}).
   */
  public LockLLMInterceptor interceptor(Scanner scanner, CounterStore counters, HeaderTrust trust) {
    return interceptorBuilder(scanner, counters).headerTrust(trust).build();
  }

  /**
   * The builder {@link #interceptor(Scanner, CounterStore)} builds (trusting no client's headers),
   * for an integration that sets more on it (a {@link HeaderTrust}, an application's own {@link
   * ClientKeyResolver}) before building.
   */
  public LockLLMInterceptor.Builder interceptorBuilder(Scanner scanner, CounterStore counters) {
    CounterStore store = counters != null ? counters
        : abuseMaxClients != null ? InMemoryCounterStore.create(abuseMaxClients) : InMemoryCounterStore.create();
    LockLLMInterceptor.Builder builder = LockLLMInterceptor.builder(scanner)
        .options(scanOptions)
        .extraction(extraction)
        .failMode(failMode)
        .scanTimeout(scanTimeout)
        .requestPatterns(abuse.apply(store))
        .clientKeyResolver(clientKeyResolver)
        .proxyHeaders(proxyHeaders)
        .headerTrust(HeaderTrust.NONE);
    if (!protectedPaths.isEmpty()) {
      builder.route(ProtectedRoute.builder(protectedPaths).methods(protectedMethods).build());
    } else if (!protectedMethods.equals(ProtectedRoute.DEFAULT_METHODS)) {
      builder.route(ProtectedRoute.builder("/**").methods(protectedMethods).build());
    }
    return builder;
  }

  /**
   * Who a request comes from as these settings say: the authenticated principal, then {@code
   * client-key.header} when set, then the remote address ({@code client-key.trusted-proxies}).
   */
  public ClientKeyResolver clientKeyResolver() {
    return clientKeyResolver;
  }

  /** Durations as ISO-8601 ({@code PT10S}), with a unit ({@code 500ms}, {@code 10s}, {@code 2m}), or plain milliseconds. */
  public static Duration parseDuration(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: '" + value + "'");
    }
    if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
    if (v.endsWith("s")) return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
    if (v.endsWith("m")) return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
    return Duration.ofMillis(Long.parseLong(v));
  }

  /** Sizes in bytes, or with a unit: {@code KB}/{@code MB} (powers of 1024, as Spring's DataSize). */
  public static int parseSize(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
    long multiplier = 1;
    if (v.endsWith("KB")) {
      multiplier = 1024;
      v = v.substring(0, v.length() - 2);
    } else if (v.endsWith("MB")) {
      multiplier = 1024 * 1024;
      v = v.substring(0, v.length() - 2);
    } else if (v.endsWith("B")) {
      v = v.substring(0, v.length() - 1);
    }
    long bytes = Long.parseLong(v.trim()) * multiplier;
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("size too large: '" + value + "'");
    }
    return (int) bytes;
  }

  static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  /** Reads values by name, turning every bad value into a {@link ConfigurationException} that names it. */
  private static final class Reader {
    private final Map<String, String> values = new HashMap<>();

    private final Map<String, String> engine = new TreeMap<>();

    Reader(Map<String, String> raw) {
      raw.forEach((name, value) -> {
        String key = name.startsWith("lockllm.") ? name.substring("lockllm.".length()) : name;
        if (key.equals(ENGINE_TIER)) {
          if (value != null && !value.isBlank()) {
            engine.put("tier", value.trim());
          }
          return;
        }
        if (key.equals("policy-similarity") || key.startsWith(POLICIES_PREFIX + ".") || key.startsWith(POLICIES_PREFIX + "[")
            || key.startsWith(ROUTING_PREFIX)) {
          if (value != null && !value.isBlank()) {
            engine.put(key, value.trim());
          }
          return;
        }
        if (!KNOWN_NAMES.contains(key)) {
          throw new ConfigurationException(
              "Unknown LockLLM option '" + name + "'; known options: " + KNOWN_NAMES_DOC);
        }
        if (value != null && !value.isBlank()) {
          values.put(key, value.trim());
        }
      });
    }

    /** The engine's own settings ({@code policies.*}, {@code policy-similarity}, {@code tier}), for its provider. */
    Map<String, String> engineSettings() {
      return Collections.unmodifiableMap(engine);
    }

    <T> T get(String name, Function<String, T> parse, T fallback) {
      String value = values.get(name);
      if (value == null) {
        return fallback;
      }
      try {
        return parse.apply(value);
      } catch (RuntimeException e) {
        throw new ConfigurationException("Invalid value for LockLLM option '" + name + "': " + message(e), e);
      }
    }

    <T> void apply(String name, Function<String, T> parse, Consumer<T> target) {
      T value = get(name, parse, null);
      if (value != null) {
        try {
          target.accept(value);
        } catch (RuntimeException e) {
          throw new ConfigurationException("Invalid value for LockLLM option '" + name + "': " + message(e), e);
        }
      }
    }

    <T> T build(String what, Supplier<T> builder) {
      try {
        return builder.get();
      } catch (RuntimeException e) {
        throw new ConfigurationException("Invalid LockLLM " + what + " options: " + message(e), e);
      }
    }

    private static String message(RuntimeException e) {
      return e instanceof NumberFormatException ? "not a number (" + e.getMessage() + ")" : e.getMessage();
    }
  }
}
