package com.lockllm.config;

import com.lockllm.abuse.CounterStore;
import com.lockllm.abuse.InMemoryCounterStore;
import com.lockllm.abuse.RequestPatterns;
import com.lockllm.cache.CachingScanner;
import com.lockllm.cache.CaffeineScanCache;
import com.lockllm.cache.ScanCache;
import com.lockllm.error.ConfigurationException;
import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptFormat;
import com.lockllm.intercept.ClientKeyResolver;
import com.lockllm.intercept.FailMode;
import com.lockllm.intercept.HeaderTrust;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.intercept.ProtectedRoute;
import com.lockllm.remote.ClientListener;
import com.lockllm.remote.RemoteSettings;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.CustomPolicy;
import com.lockllm.scan.EngineSettings;
import com.lockllm.scan.EngineTier;
import com.lockllm.scan.ModelRouting;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The {@code lockllm.*} options in one immutable, typed, framework-neutral place, and the
 * interceptor they build. Frameworks fill a {@link #builder()} from their own typed properties;
 * {@link #fromMap} reads the same options from strings (servlet init-params, the CLI).
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

  static final String ENGINE_TIER = "engine-tier";

  private static final Set<String> KNOWN_NAMES =
      new TreeSet<>(Arrays.stream(KNOWN_NAMES_DOC.split(","))
          .map(String::trim).filter(n -> !n.endsWith(".*")).toList());

  /** Which scanner to use: {@code auto} (key present: remote, else embedded), {@code embedded} or {@code remote}. */
  public enum ScannerKind {
    AUTO,
    EMBEDDED,
    REMOTE;

    /** Parses {@code auto}, {@code embedded} or {@code remote}, in any case. */
    public static ScannerKind fromWire(String value) {
      return wire(ScannerKind.class, value, "scanner");
    }
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
  private final EngineTier engineTier;
  private final Double policySimilarity;
  private final List<CustomPolicy> policies;
  private final ModelRouting routing;
  private final Duration abuseWindow;
  private final Integer abuseRapidRequests;
  private final Integer abuseDuplicatePrompts;
  private final Integer abuseBurstMinRequests;
  private final Integer abuseMaxClients;
  private final String clientKeyHeader;
  private final List<String> trustedProxies;
  private final ClientKeyResolver clientKeyResolver;
  private final boolean cacheEnabled;
  private final Duration cacheTtl;
  private final int cacheMaxEntries;
  private final boolean proxyHeaders;

  private LockLLMSettings(Builder b, ScanOptions scanOptions, ExtractionConfig extraction) {
    this.enabled = b.enabled;
    this.scannerKind = b.scannerKind;
    this.apiKey = b.apiKey;
    this.baseUrl = b.baseUrl;
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.totalTimeout = b.totalTimeout;
    this.breakerFailures = b.breakerFailures;
    this.breakerOpenFor = b.breakerOpenFor;
    this.scanOptions = scanOptions;
    this.failMode = b.failMode;
    this.scanTimeout = b.scanTimeout;
    this.extraction = extraction;
    this.protectedPaths = List.copyOf(b.protectedPaths);
    this.protectedMethods = Set.copyOf(b.protectedMethods);
    this.engineTier = b.engineTier;
    this.policySimilarity = b.policySimilarity;
    this.policies = b.policies;
    this.routing = b.routing;
    this.abuseWindow = b.abuseWindow;
    this.abuseRapidRequests = b.abuseRapidRequests;
    this.abuseDuplicatePrompts = b.abuseDuplicatePrompts;
    this.abuseBurstMinRequests = b.abuseBurstMinRequests;
    this.abuseMaxClients = b.abuseMaxClients;
    this.clientKeyHeader = b.clientKeyHeader;
    this.trustedProxies = List.copyOf(b.trustedProxies);
    this.cacheEnabled = b.cacheEnabled;
    this.cacheTtl = b.cacheTtl;
    this.cacheMaxEntries = b.cacheMaxEntries;
    this.proxyHeaders = b.proxyHeaders;
    ClientKeyResolver resolver = ClientKeyResolver.principal();
    if (clientKeyHeader != null) {
      resolver = resolver.orElse(ClientKeyResolver.header(clientKeyHeader));
    }
    this.clientKeyResolver = resolver.orElse(ClientKeyResolver.remoteAddress(trustedProxies));
  }

  /** Settings with every option at its default, to change one by one. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.enabled = enabled;
    b.scannerKind = scannerKind;
    b.apiKey = apiKey;
    b.baseUrl = baseUrl;
    b.timeout = timeout;
    b.maxRetries = maxRetries;
    b.totalTimeout = totalTimeout;
    b.breakerFailures = breakerFailures;
    b.breakerOpenFor = breakerOpenFor;
    b.scan = ScanOptions.from(scanOptions);
    b.failMode = failMode;
    b.scanTimeout = scanTimeout;
    b.extract = ExtractionConfig.from(extraction);
    b.protectedPaths = protectedPaths;
    b.protectedMethods = protectedMethods;
    b.engineTier = engineTier;
    b.policySimilarity = policySimilarity;
    b.policies = policies;
    b.routing = routing;
    b.abuseWindow = abuseWindow;
    b.abuseRapidRequests = abuseRapidRequests;
    b.abuseDuplicatePrompts = abuseDuplicatePrompts;
    b.abuseBurstMinRequests = abuseBurstMinRequests;
    b.abuseMaxClients = abuseMaxClients;
    b.clientKeyHeader = clientKeyHeader;
    b.trustedProxies = trustedProxies;
    b.cacheEnabled = cacheEnabled;
    b.cacheTtl = cacheTtl;
    b.cacheMaxEntries = cacheMaxEntries;
    b.proxyHeaders = proxyHeaders;
    return b;
  }

  /**
   * Settings from {@code name -> value} pairs (servlet init-params, the CLI); blank values count
   * as unset.
   *
   * @throws ConfigurationException naming the option for an unknown name or a bad value
   */
  public static LockLLMSettings fromMap(Map<String, String> values) {
    return new Reader(values).read();
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

  /** The embedded engine's tier, or {@code null} for the best one on the class path. */
  public EngineTier engineTier() {
    return engineTier;
  }

  public boolean cacheEnabled() {
    return cacheEnabled;
  }

  public boolean proxyHeaders() {
    return proxyHeaders;
  }

  /** The embedded engine's custom policies ({@code policies}); none by default. */
  public List<CustomPolicy> policies() {
    return policies;
  }

  /** The embedded engine's model routing ({@code routing}); {@link ModelRouting#NONE} by default. */
  public ModelRouting routing() {
    return routing;
  }

  /** What these settings hand the embedded engine's provider. */
  public EngineSettings engineSettings() {
    return new EngineSettings(engineTier, policies, policySimilarity, routing);
  }

  /**
   * The scanner these settings select: {@code explicit} if given; else, by {@link #remote(Map)}, the
   * LockLLM API (key from {@code api-key} or {@code LOCKLLM_API_KEY}, through lockllm-client's
   * {@link com.lockllm.remote.RemoteScannerProvider}) or the embedded engine (with the {@code
   * policies.*} configured).
   *
   * @throws ConfigurationException when policies are configured for a scanner other than the engine
   *     these settings build, or the API is selected and lockllm-client is not on the class path
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
    if (!remote(env)) {
      return Scanners.embedded(engineSettings());
    }
    requireNoPolicies("the LockLLM API, which applies the policies and routing rules of your LockLLM dashboard");
    String key = apiKey != null ? apiKey : env.get(Scanners.API_KEY_ENV);
    String url = baseUrl != null ? baseUrl : env.get(Scanners.BASE_URL_ENV);
    return Scanners.remote(new RemoteSettings(key, url == null || url.isBlank() ? null : url, timeout, maxRetries,
        totalTimeout, breakerFailures, breakerOpenFor, listener));
  }

  /**
   * Whether {@link #scanner} selects the LockLLM API: {@code scanner=remote}, or {@code auto} with
   * an API key in {@code api-key} or {@code LOCKLLM_API_KEY} of {@code env}. The one place the
   * choice is made.
   */
  public boolean remote(Map<String, String> env) {
    return remote(scannerKind, apiKey, env);
  }

  private static boolean remote(ScannerKind kind, String apiKey, Map<String, String> env) {
    String key = apiKey != null ? apiKey : env.get(Scanners.API_KEY_ENV);
    return kind == ScannerKind.REMOTE || (kind == ScannerKind.AUTO && key != null && !key.isBlank());
  }

  private void requireNoPolicies(String scanner) {
    if (!engineSettings().isDefault()) {
      throw new ConfigurationException("LockLLM engine-tier, policy-similarity, policies and routing settings configure the embedded engine that the "
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
        .requestPatterns(requestPatterns(store))
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

  private RequestPatterns requestPatterns(CounterStore store) {
    RequestPatterns.Builder patterns = RequestPatterns.builder(store);
    if (abuseWindow != null) {
      patterns.window(abuseWindow, slotOf(abuseWindow));
    }
    if (abuseRapidRequests != null) {
      patterns.rapidRequests(abuseRapidRequests);
    }
    if (abuseDuplicatePrompts != null) {
      patterns.duplicatePrompts(abuseDuplicatePrompts);
    }
    if (abuseBurstMinRequests != null) {
      patterns.burstMinRequests(abuseBurstMinRequests);
    }
    return patterns.build();
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
   * The one way adapters build their interceptor from these settings: the scanner they select
   * (or an application's own), the scan cache, the abuse counters, the API client's listener and
   * a wrapper around the scanner (metrics), the header trust and an application's client-key
   * resolver. Each adapter passes what its framework offers; the rest take the defaults.
   */
  public Assembly assembly() {
    return new Assembly(this);
  }

  /** Builds an interceptor from {@link LockLLMSettings}; see {@link #assembly()}. Not thread-safe. */
  public static final class Assembly {
    private final LockLLMSettings settings;
    private Scanner scanner;
    private ScanCache cache;
    private CounterStore counters;
    private ClientListener listener = ClientListener.NONE;
    private UnaryOperator<Scanner> wrapper = UnaryOperator.identity();
    private HeaderTrust trust = HeaderTrust.NONE;
    private ClientKeyResolver clientKeys;
    private Map<String, String> env = System.getenv();

    private Assembly(LockLLMSettings settings) {
      this.settings = settings;
    }

    /** Scan with this scanner as it is, instead of the one the settings select. */
    public Assembly scanner(Scanner scanner) {
      this.scanner = scanner;
      return this;
    }

    /** A shared scan cache (lockllm-redis's, say) when {@code cache.enabled}; {@code null}, in memory. */
    public Assembly cache(ScanCache cache) {
      this.cache = cache;
      return this;
    }

    /** A shared abuse counter store; {@code null}, in memory. */
    public Assembly counters(CounterStore counters) {
      this.counters = counters;
      return this;
    }

    /** Told of the LockLLM API client's calls, when the settings select it. */
    public Assembly listener(ClientListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Wraps the (cached) scanner, e.g. to time scans. */
    public Assembly wrap(UnaryOperator<Scanner> wrapper) {
      this.wrapper = Objects.requireNonNull(wrapper, "wrapper");
      return this;
    }

    /** Which clients may loosen the policy with their {@code X-LockLLM-*} headers (default none). */
    public Assembly headerTrust(HeaderTrust trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** An application's resolver, asked first; where it cannot tell, the {@code client-key.*} settings decide. */
    public Assembly clientKeys(ClientKeyResolver resolver) {
      this.clientKeys = resolver;
      return this;
    }

    /** Where {@code LOCKLLM_API_KEY} and {@code LOCKLLM_BASE_URL} are read (default the process environment). */
    public Assembly env(Map<String, String> env) {
      this.env = Objects.requireNonNull(env, "env");
      return this;
    }

    /** The scanner these parts give: the one set, else the one the settings select. */
    public Scanner scanner() {
      return scanner != null ? scanner : settings.scanner(null, env, listener);
    }

    /** The interceptor. */
    public LockLLMInterceptor build() {
      Scanner scanning = wrapper.apply(settings.cached(scanner(), cache));
      LockLLMInterceptor.Builder builder = settings.interceptorBuilder(scanning, counters).headerTrust(trust);
      if (clientKeys != null) {
        builder.clientKeyResolver(clientKeys.orElse(settings.clientKeyResolver()));
      }
      return builder.build();
    }
  }

  /**
   * Who a request comes from as these settings say: the authenticated principal, then {@code
   * client-key.header} when set, then the remote address ({@code client-key.trusted-proxies}).
   */
  public ClientKeyResolver clientKeyResolver() {
    return clientKeyResolver;
  }

  /** Settings are equal when every option is; adapters' tests compare what their holders build. */
  @Override
  public boolean equals(Object o) {
    return o instanceof LockLLMSettings that && values().equals(that.values());
  }

  @Override
  public int hashCode() {
    return values().hashCode();
  }

  /** Every option but the API key, which is only said to be set. */
  @Override
  public String toString() {
    List<Object> v = new ArrayList<>(values());
    v.set(2, apiKey == null ? null : "(set)");
    return "LockLLMSettings" + v;
  }

  private List<Object> values() {
    return Arrays.asList(enabled, scannerKind, apiKey, baseUrl, timeout, maxRetries, totalTimeout, breakerFailures,
        breakerOpenFor, scanOptions, failMode, scanTimeout, extraction, protectedPaths, protectedMethods, engineTier,
        policySimilarity, policies, routing, abuseWindow, abuseRapidRequests, abuseDuplicatePrompts, abuseBurstMinRequests,
        abuseMaxClients, clientKeyHeader, trustedProxies, cacheEnabled, cacheTtl, cacheMaxEntries, proxyHeaders);
  }

  private static <E extends Enum<E>> E wire(Class<E> type, String value, String option) {
    String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normalized)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(option + " must be one of " + Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + value + "'");
  }

  /**
   * Typed settings, each option by its own setter (the property name in the setter's Javadoc);
   * {@link #build()} checks what one option alone cannot, naming the option in a {@link
   * ConfigurationException}. Not thread-safe.
   */
  public static final class Builder {
    private boolean enabled = true;
    private ScannerKind scannerKind = ScannerKind.AUTO;
    private String apiKey;
    private String baseUrl;
    private Duration timeout;
    private Integer maxRetries;
    private Duration totalTimeout;
    private Integer breakerFailures;
    private Duration breakerOpenFor;
    private ScanOptions.Builder scan = ScanOptions.builder();
    private FailMode failMode = FailMode.CLOSED;
    private Duration scanTimeout = LockLLMInterceptor.DEFAULT_SCAN_TIMEOUT;
    private ExtractionConfig.Builder extract = ExtractionConfig.builder();
    private List<String> protectedPaths = List.of();
    private Set<String> protectedMethods = ProtectedRoute.DEFAULT_METHODS;
    private EngineTier engineTier;
    private Double policySimilarity;
    private List<CustomPolicy> policies = List.of();
    private ModelRouting routing = ModelRouting.NONE;
    private Duration abuseWindow;
    private Integer abuseRapidRequests;
    private Integer abuseDuplicatePrompts;
    private Integer abuseBurstMinRequests;
    private Integer abuseMaxClients;
    private String clientKeyHeader;
    private List<String> trustedProxies = List.of();
    private boolean cacheEnabled;
    private Duration cacheTtl = CaffeineScanCache.DEFAULT_TTL;
    private int cacheMaxEntries = CaffeineScanCache.DEFAULT_MAX_ENTRIES;
    private boolean proxyHeaders;

    private Builder() {}

    /** {@code enabled}: whether the adapter scans at all (default true). */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** {@code scanner}; {@code null}, the default {@link ScannerKind#AUTO}. */
    public Builder scanner(ScannerKind kind) {
      this.scannerKind = kind == null ? ScannerKind.AUTO : kind;
      return this;
    }

    /** {@code api-key}: the LockLLM API key; unset, {@code LOCKLLM_API_KEY} is read. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** {@code base-url} of the LockLLM API; unset, {@code LOCKLLM_BASE_URL} or the public API. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** {@code timeout} of one LockLLM API attempt. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** {@code max-retries} of the LockLLM API client. */
    public Builder maxRetries(Integer maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** {@code total-timeout}: the LockLLM API client's deadline across retries. */
    public Builder totalTimeout(Duration totalTimeout) {
      this.totalTimeout = totalTimeout;
      return this;
    }

    /** {@code circuit-breaker-failures}: failures in a row that open the client's breaker; 0 turns it off. */
    public Builder circuitBreakerFailures(Integer failures) {
      this.breakerFailures = failures;
      return this;
    }

    /** {@code circuit-breaker-open-for}: how long the breaker stays open. */
    public Builder circuitBreakerOpenFor(Duration openFor) {
      this.breakerOpenFor = openFor;
      return this;
    }

    /** All the scan options at once ({@code sensitivity} to {@code route-action}), replacing those set before. */
    public Builder scanOptions(ScanOptions options) {
      this.scan = ScanOptions.from(Objects.requireNonNull(options, "scanOptions"));
      return this;
    }

    /** {@code sensitivity}: low, medium or high; unset, the scanner's default (medium). */
    public Builder sensitivity(Sensitivity sensitivity) {
      scan.sensitivity(sensitivity);
      return this;
    }

    /** {@code scan-mode}: normal, policy_only or combined. */
    public Builder scanMode(ScanMode mode) {
      scan.scanMode(mode);
      return this;
    }

    /** {@code scan-action}: what a detected injection does. */
    public Builder scanAction(ScanAction action) {
      scan.scanAction(action);
      return this;
    }

    /** {@code policy-action}: what a custom-policy violation does. */
    public Builder policyAction(ScanAction action) {
      scan.policyAction(action);
      return this;
    }

    /** {@code abuse-action}: what detected abuse does; unset, abuse is not checked. */
    public Builder abuseAction(ScanAction action) {
      scan.abuseAction(action);
      return this;
    }

    /** {@code pii-action}: what personal data does; unset, it is not checked. */
    public Builder piiAction(PiiAction action) {
      scan.piiAction(action);
      return this;
    }

    /** {@code compression}: toon, compact or combined; unset, off. */
    public Builder compression(CompressionMethod compression) {
      scan.compression(compression);
      return this;
    }

    /** {@code compression-rate}: 0.3 to 0.7. */
    public Builder compressionRate(Double rate) {
      valid("compression-rate", () -> scan.compressionRate(rate));
      return this;
    }

    /** {@code chunk}: whether long prompts are scanned in overlapping windows. */
    public Builder chunk(Boolean chunk) {
      scan.chunk(chunk);
      return this;
    }

    /** {@code route-action}: disabled, auto or custom. */
    public Builder routeAction(RouteAction action) {
      scan.routeAction(action);
      return this;
    }

    /** {@code fail-mode}; {@code null}, the default {@link FailMode#CLOSED}. */
    public Builder failMode(FailMode failMode) {
      this.failMode = failMode == null ? FailMode.CLOSED : failMode;
      return this;
    }

    /** {@code scan-timeout}: the longest a request waits for its verdict; {@code null}, the default. */
    public Builder scanTimeout(Duration scanTimeout) {
      this.scanTimeout = scanTimeout == null ? LockLLMInterceptor.DEFAULT_SCAN_TIMEOUT : scanTimeout;
      return this;
    }

    /** All of what is scanned at once ({@code extraction.*}, {@code max-body-size}, {@code max-depth}). */
    public Builder extraction(ExtractionConfig extraction) {
      this.extract = ExtractionConfig.from(Objects.requireNonNull(extraction, "extraction"));
      return this;
    }

    /** {@code extraction.format} (default {@link PromptFormat#AUTO}). */
    public Builder extractionFormat(PromptFormat format) {
      valid("extraction.format", () -> extract.format(format));
      return this;
    }

    /** {@code extraction.pointers}: JSON Pointers to the prompt fields, for the pointers format. */
    public Builder extractionPointers(List<String> pointers) {
      valid("extraction.pointers", () -> extract.pointers(pointers));
      return this;
    }

    /** {@code extraction.roles}: roles whose text is scanned (default all). */
    public Builder extractionRoles(Set<String> roles) {
      valid("extraction.roles", () -> extract.roles(roles));
      return this;
    }

    /** {@code max-body-size} in bytes, at most {@link Integer#MAX_VALUE}. */
    public Builder maxBodySize(long bytes) {
      valid("max-body-size", () -> extract.maxBodyBytes(Math.toIntExact(bytes)));
      return this;
    }

    /** {@code max-depth}: deepest JSON nesting accepted. */
    public Builder maxDepth(int depth) {
      valid("max-depth", () -> extract.maxDepth(depth));
      return this;
    }

    /** {@code protected-paths}: Ant-style patterns; empty, every path. */
    public Builder protectedPaths(List<String> paths) {
      this.protectedPaths = List.copyOf(paths);
      return this;
    }

    /** {@code protected-methods} (default POST, PUT, PATCH). */
    public Builder protectedMethods(Set<String> methods) {
      this.protectedMethods = Set.copyOf(methods);
      return this;
    }

    /** {@code engine-tier}; {@code null}, the best on the class path. */
    public Builder engineTier(EngineTier tier) {
      this.engineTier = tier;
      return this;
    }

    /** {@code policy-similarity}: cosine similarity (0 to 1) at which a prompt matches a policy example. */
    public Builder policySimilarity(Double similarity) {
      this.policySimilarity = similarity;
      return this;
    }

    /**
     * {@code policies}: the embedded engine's custom policies, replacing any set before; kept in name
     * order, and so are their categories, so that settings from any source (a YAML file, {@code
     * web.xml}, code) read alike.
     */
    public Builder policies(List<CustomPolicy> policies) {
      List<CustomPolicy> sorted = new ArrayList<>(policies.size());
      for (CustomPolicy p : policies) {
        List<CustomPolicy.Category> categories = new ArrayList<>(p.categories());
        categories.sort(Comparator.comparing(CustomPolicy.Category::name));
        sorted.add(new CustomPolicy(p.name(), p.description(), categories));
      }
      sorted.sort(Comparator.comparing(CustomPolicy::name));
      this.policies = List.copyOf(sorted);
      return this;
    }

    /** {@code routing}: the embedded engine's model routing. */
    public Builder routing(ModelRouting routing) {
      this.routing = Objects.requireNonNull(routing, "routing");
      return this;
    }

    /**
     * {@code policies} and {@code routing} read from the flat layout of {@code web.xml} ({@code
     * policies.KEY.categories.KEY.phrases[0]}, {@code routing.models.low}, ...), for binders that hand
     * nested maps over flat (Micronaut's); other keys are ignored.
     *
     * @throws ConfigurationException naming a malformed key or a bad entry
     */
    public Builder engineProperties(Map<String, String> flat) {
      Reader.engine("policies", flat, EngineProperties::policies, this::policies);
      Reader.engine("routing", flat, EngineProperties::routing, this::routing);
      return this;
    }

    /** The routing set so far, so a default can fill only what is unset. */
    public ModelRouting routing() {
      return routing;
    }

    /** As {@link LockLLMSettings#remote(Map)} for the options set so far. */
    public boolean remote(Map<String, String> env) {
      return LockLLMSettings.remote(scannerKind, apiKey, env);
    }

    /** {@code abuse.window}: a whole number of seconds. */
    public Builder abuseWindow(Duration window) {
      if (window != null) {
        valid("abuse.window", () -> slotOf(window));
      }
      this.abuseWindow = window;
      return this;
    }

    /** {@code abuse.rapid-requests} per client and window. */
    public Builder abuseRapidRequests(Integer limit) {
      this.abuseRapidRequests = limit;
      return this;
    }

    /** {@code abuse.duplicate-prompts} per client and window. */
    public Builder abuseDuplicatePrompts(Integer limit) {
      this.abuseDuplicatePrompts = limit;
      return this;
    }

    /** {@code abuse.burst-min-requests}: requests in a window before a burst counts. */
    public Builder abuseBurstMinRequests(Integer min) {
      this.abuseBurstMinRequests = min;
      return this;
    }

    /** {@code abuse.max-clients}: clients the in-memory counters remember. */
    public Builder abuseMaxClients(Integer max) {
      this.abuseMaxClients = max;
      return this;
    }

    /** {@code client-key.header}: a header naming the client, after the authenticated principal. */
    public Builder clientKeyHeader(String header) {
      this.clientKeyHeader = header;
      return this;
    }

    /** {@code client-key.trusted-proxies}: addresses or CIDR ranges whose {@code X-Forwarded-For} is believed. */
    public Builder trustedProxies(List<String> proxies) {
      List<String> copy = List.copyOf(proxies);
      valid("client-key.trusted-proxies", () -> ClientKeyResolver.remoteAddress(copy));
      this.trustedProxies = copy;
      return this;
    }

    /** {@code cache.enabled} (default false). */
    public Builder cacheEnabled(boolean enabled) {
      this.cacheEnabled = enabled;
      return this;
    }

    /** {@code cache.ttl}; {@code null}, the default. */
    public Builder cacheTtl(Duration ttl) {
      this.cacheTtl = ttl == null ? CaffeineScanCache.DEFAULT_TTL : ttl;
      return this;
    }

    /** {@code cache.max-entries}. */
    public Builder cacheMaxEntries(int maxEntries) {
      this.cacheMaxEntries = maxEntries;
      return this;
    }

    /** {@code proxy-headers}: whether trusted clients' {@code X-LockLLM-*} headers apply (default false). */
    public Builder proxyHeaders(boolean proxyHeaders) {
      this.proxyHeaders = proxyHeaders;
      return this;
    }

    /**
     * The settings.
     *
     * @throws ConfigurationException naming the option whose value the pieces it builds refuse
     */
    public LockLLMSettings build() {
      LockLLMSettings settings = new LockLLMSettings(this, scan.build(), group("extraction", extract::build));
      group("abuse", () -> settings.requestPatterns(InMemoryCounterStore.create(1)));
      group("cache", () -> CaffeineScanCache.create(cacheMaxEntries, cacheTtl));
      return settings;
    }

    private static void valid(String option, Runnable check) {
      try {
        check.run();
      } catch (RuntimeException e) {
        throw new ConfigurationException("Invalid value for LockLLM option '" + option + "': " + e.getMessage(), e);
      }
    }

    private static <T> T group(String what, Supplier<T> build) {
      try {
        return build.get();
      } catch (RuntimeException e) {
        throw new ConfigurationException("Invalid LockLLM " + what + " options: " + e.getMessage(), e);
      }
    }
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

  /** Reads options by name into a {@link Builder}, turning every bad value into a {@link ConfigurationException} that names it. */
  private static final class Reader {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> engine = new HashMap<>();
    private final Builder builder = builder();

    Reader(Map<String, String> raw) {
      raw.forEach((name, value) -> {
        String key = name.startsWith("lockllm.") ? name.substring("lockllm.".length()) : name;
        boolean engineOption = EngineProperties.isPolicyKey(key) || EngineProperties.isRoutingKey(key);
        if (!engineOption && !KNOWN_NAMES.contains(key)) {
          throw new ConfigurationException(
              "Unknown LockLLM option '" + name + "'; known options: " + KNOWN_NAMES_DOC);
        }
        if (value == null || value.isBlank()) {
          return;
        }
        if (engineOption) {
          engine.put(key, value.trim());
        } else {
          values.put(key, value.trim());
        }
      });
    }

    LockLLMSettings read() {
      Builder b = builder;
      apply("enabled", Boolean::parseBoolean, b::enabled);
      apply("scanner", ScannerKind::fromWire, b::scanner);
      apply("api-key", Function.identity(), b::apiKey);
      apply("base-url", Function.identity(), b::baseUrl);
      apply("timeout", LockLLMSettings::parseDuration, b::timeout);
      apply("max-retries", Integer::valueOf, b::maxRetries);
      apply("total-timeout", LockLLMSettings::parseDuration, b::totalTimeout);
      apply("circuit-breaker-failures", Integer::valueOf, b::circuitBreakerFailures);
      apply("circuit-breaker-open-for", LockLLMSettings::parseDuration, b::circuitBreakerOpenFor);
      apply("sensitivity", Sensitivity::fromWire, b::sensitivity);
      apply("scan-mode", ScanMode::fromWire, b::scanMode);
      apply("scan-action", ScanAction::fromWire, b::scanAction);
      apply("policy-action", ScanAction::fromWire, b::policyAction);
      apply("abuse-action", ScanAction::fromWire, b::abuseAction);
      apply("pii-action", PiiAction::fromWire, b::piiAction);
      apply("compression", CompressionMethod::fromWire, b::compression);
      apply("compression-rate", Double::valueOf, b::compressionRate);
      apply("chunk", Boolean::valueOf, b::chunk);
      apply("route-action", RouteAction::fromWire, b::routeAction);
      apply("fail-mode", FailMode::fromWire, b::failMode);
      apply("scan-timeout", LockLLMSettings::parseDuration, b::scanTimeout);
      apply("extraction.format", PromptFormat::fromWire, b::extractionFormat);
      apply("extraction.pointers", LockLLMSettings::list, b::extractionPointers);
      apply("extraction.roles", v -> new LinkedHashSet<>(list(v)), b::extractionRoles);
      apply("max-body-size", v -> (long) parseSize(v), b::maxBodySize);
      apply("max-depth", Integer::valueOf, b::maxDepth);
      apply("protected-paths", LockLLMSettings::list, b::protectedPaths);
      apply("protected-methods", v -> Set.copyOf(list(v)), b::protectedMethods);
      apply(ENGINE_TIER, v -> wire(EngineTier.class, v, ENGINE_TIER), b::engineTier);
      apply("policy-similarity", Double::valueOf, b::policySimilarity);
      apply("abuse.window", LockLLMSettings::parseDuration, b::abuseWindow);
      apply("abuse.rapid-requests", Integer::valueOf, b::abuseRapidRequests);
      apply("abuse.duplicate-prompts", Integer::valueOf, b::abuseDuplicatePrompts);
      apply("abuse.burst-min-requests", Integer::valueOf, b::abuseBurstMinRequests);
      apply("abuse.max-clients", Integer::valueOf, b::abuseMaxClients);
      apply("client-key.header", Function.identity(), b::clientKeyHeader);
      apply("client-key.trusted-proxies", LockLLMSettings::list, b::trustedProxies);
      apply("cache.enabled", Boolean::parseBoolean, b::cacheEnabled);
      apply("cache.ttl", LockLLMSettings::parseDuration, b::cacheTtl);
      apply("cache.max-entries", Integer::valueOf, b::cacheMaxEntries);
      apply("proxy-headers", Boolean::parseBoolean, b::proxyHeaders);
      b.engineProperties(engine);
      return b.build();
    }

    private <T> void apply(String name, Function<String, T> parse, Consumer<T> target) {
      String value = values.get(name);
      if (value == null) {
        return;
      }
      try {
        target.accept(parse.apply(value));
      } catch (ConfigurationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ConfigurationException("Invalid value for LockLLM option '" + name + "': " + message(e), e);
      }
    }

    private static <T> void engine(String name, Map<String, String> flat, Function<Map<String, String>, T> parse,
        Consumer<T> target) {
      try {
        target.accept(parse.apply(flat));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("Invalid LockLLM " + name + ": " + e.getMessage(), e);
      }
    }

    private static String message(RuntimeException e) {
      return e instanceof NumberFormatException ? "not a number (" + e.getMessage() + ")" : e.getMessage();
    }
  }
}
