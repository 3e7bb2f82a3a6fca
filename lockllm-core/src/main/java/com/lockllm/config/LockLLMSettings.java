package com.lockllm.config;

import com.lockllm.abuse.CounterStore;
import com.lockllm.abuse.InMemoryCounterStore;
import com.lockllm.abuse.RequestPatterns;
import com.lockllm.cache.CachingScanner;
import com.lockllm.cache.CaffeineScanCache;
import com.lockllm.cache.ScanCache;
import com.lockllm.decision.DecisionListener;
import com.lockllm.decision.DecisionLog;
import com.lockllm.error.ConfigurationException;
import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptFormat;
import com.lockllm.intercept.ClientKeyResolver;
import com.lockllm.intercept.FailMode;
import com.lockllm.intercept.HeaderTrust;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.intercept.ProtectedRoute;
import com.lockllm.output.Allowlist;
import com.lockllm.output.Canary;
import com.lockllm.output.OutputAction;
import com.lockllm.output.OutputPolicy;
import com.lockllm.output.SystemPromptLeakCheck;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The {@code lockllm.*} options in one immutable, typed, framework-neutral place, and the
 * interceptor they build. Frameworks fill a {@link #builder()} from their own typed properties;
 * {@link #fromMap} reads the same options from strings (servlet init-params, the CLI); {@link
 * #knownNames()} lists them.
 *
 * <p>Each option is declared once, as an {@link Option} below (its name, default, string parser
 * and check); the values live in one map, so the string reader, {@link #toBuilder()}, {@code
 * equals} and {@code toString} need no code per option. Adding one is its declaration, its
 * setter on the {@link Builder}, and, where adapters read it, a getter.
 */
public final class LockLLMSettings {
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

  /**
   * What a family of findings in answers gets ({@code output.secrets}, {@code output.exfiltration},
   * {@code output.canary-action}, {@code output.system-prompt-leak}): an {@link OutputAction}, or
   * {@code off}, not checked.
   */
  public enum OutputRule {
    STRIP,
    BLOCK,
    WARN,
    OFF;

    /** Parses {@code strip}, {@code block}, {@code warn} or {@code off}, in any case. */
    public static OutputRule fromWire(String value) {
      return wire(OutputRule.class, value, "an output action");
    }

    /** The action, or {@code null} for {@link #OFF}. */
    public OutputAction action() {
      return this == OFF ? null : OutputAction.valueOf(name());
    }

    /** The rule of {@code action}; {@code null} is {@link #OFF}. */
    public static OutputRule of(OutputAction action) {
      return action == null ? OFF : valueOf(action.name());
    }
  }

  /**
   * What personal data in answers gets ({@code output.personal-data}): {@code input}, the action
   * that follows the request's PII action ({@code strip} and {@code mask} strip, {@code block}
   * blocks, {@code allow_with_warning} warns, none: not checked), a fixed action, or {@code off}.
   */
  public enum PersonalDataRule {
    INPUT,
    STRIP,
    BLOCK,
    WARN,
    OFF;

    /** Parses {@code input}, {@code strip}, {@code block}, {@code warn} or {@code off}, in any case. */
    public static PersonalDataRule fromWire(String value) {
      return wire(PersonalDataRule.class, value, "output.personal-data");
    }
  }

  /**
   * One option: its name without the {@code lockllm.} prefix, its default, how the string reader
   * parses it ({@code null} for the open-ended options read from their flat layout), and a check of
   * a value on its own, run by the setter so a bad value fails there, naming the option.
   */
  static final class Option<T> {
    private static final List<Option<?>> ALL = new ArrayList<>();

    final String name;
    final T defaultValue;
    final Function<String, T> parse;
    final Consumer<T> check;

    private Option(String name, T defaultValue, Function<String, T> parse, Consumer<T> check) {
      this.name = name;
      this.defaultValue = defaultValue;
      this.parse = parse;
      this.check = check;
      ALL.add(this);
    }

    /** This option's value in {@code values}, or its default when unset there. */
    @SuppressWarnings("unchecked")
    T in(Map<Option<?>, Object> values) {
      return values.containsKey(this) ? (T) values.get(this) : defaultValue;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * The custom output patterns as an option's value: compared by their source, as {@link
   * java.util.regex.Pattern} has no equality of its own, so settings read from any source compare
   * equal.
   */
  record Patterns(List<OutputPolicy.CustomPattern> list) {
    static final Patterns NONE = new Patterns(List.of());

    Patterns {
      list = List.copyOf(list);
    }

    private List<List<Object>> key() {
      return list.stream().map(p -> List.<Object>of(p.name(), p.regex().pattern(), p.regex().flags(), p.action(),
          p.maxSpan())).toList();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Patterns that && key().equals(that.key());
    }

    @Override
    public int hashCode() {
      return key().hashCode();
    }

    @Override
    public String toString() {
      return list.stream().map(p -> p.name() + "=" + p.action()).toList().toString();
    }
  }

  private static <T> Option<T> option(String name, T defaultValue, Function<String, T> parse) {
    return new Option<>(name, defaultValue, parse, value -> { });
  }

  private static <T> Option<T> option(String name, T defaultValue, Function<String, T> parse, Consumer<T> check) {
    return new Option<>(name, defaultValue, parse, check);
  }

  private static final ExtractionConfig DEFAULT_EXTRACTION = ExtractionConfig.defaults();

  static final Option<Boolean> ENABLED = option("enabled", true, Boolean::parseBoolean);
  static final Option<ScannerKind> SCANNER = option("scanner", ScannerKind.AUTO, ScannerKind::fromWire);
  static final Option<String> API_KEY = option("api-key", null, Function.identity());
  static final Option<String> BASE_URL = option("base-url", null, Function.identity());
  static final Option<Duration> TIMEOUT = option("timeout", null, LockLLMSettings::parseDuration);
  static final Option<Integer> MAX_RETRIES = option("max-retries", null, Integer::valueOf);
  static final Option<Duration> TOTAL_TIMEOUT = option("total-timeout", null, LockLLMSettings::parseDuration);
  static final Option<Integer> BREAKER_FAILURES = option("circuit-breaker-failures", null, Integer::valueOf);
  static final Option<Duration> BREAKER_OPEN_FOR =
      option("circuit-breaker-open-for", null, LockLLMSettings::parseDuration);
  static final Option<Sensitivity> SENSITIVITY = option("sensitivity", null, Sensitivity::fromWire);
  static final Option<ScanMode> SCAN_MODE = option("scan-mode", null, ScanMode::fromWire);
  static final Option<ScanAction> SCAN_ACTION = option("scan-action", null, ScanAction::fromWire);
  static final Option<ScanAction> POLICY_ACTION = option("policy-action", null, ScanAction::fromWire);
  static final Option<ScanAction> ABUSE_ACTION = option("abuse-action", null, ScanAction::fromWire);
  static final Option<PiiAction> PII_ACTION = option("pii-action", null, PiiAction::fromWire);
  static final Option<CompressionMethod> COMPRESSION = option("compression", null, CompressionMethod::fromWire);
  static final Option<Double> COMPRESSION_RATE = option("compression-rate", null, Double::valueOf,
      rate -> ScanOptions.builder().compressionRate(rate));
  static final Option<Boolean> CHUNK = option("chunk", null, Boolean::valueOf);
  static final Option<RouteAction> ROUTE_ACTION = option("route-action", null, RouteAction::fromWire);
  static final Option<FailMode> FAIL_MODE = option("fail-mode", FailMode.CLOSED, FailMode::fromWire);
  static final Option<Duration> SCAN_TIMEOUT =
      option("scan-timeout", LockLLMInterceptor.DEFAULT_SCAN_TIMEOUT, LockLLMSettings::parseDuration);
  static final Option<Long> MAX_BODY_SIZE = option("max-body-size", (long) DEFAULT_EXTRACTION.maxBodyBytes(),
      v -> (long) parseSize(v), bytes -> ExtractionConfig.builder().maxBodyBytes(Math.toIntExact(bytes)));
  static final Option<Integer> MAX_DEPTH = option("max-depth", DEFAULT_EXTRACTION.maxDepth(), Integer::valueOf,
      depth -> ExtractionConfig.builder().maxDepth(depth));
  static final Option<PromptFormat> EXTRACTION_FORMAT =
      option("extraction.format", DEFAULT_EXTRACTION.format(), PromptFormat::fromWire);
  static final Option<List<String>> EXTRACTION_POINTERS =
      option("extraction.pointers", DEFAULT_EXTRACTION.pointers(), LockLLMSettings::list,
          pointers -> ExtractionConfig.builder().pointers(pointers));
  static final Option<Set<String>> EXTRACTION_ROLES =
      option("extraction.roles", DEFAULT_EXTRACTION.roles(), v -> Set.copyOf(list(v)),
          roles -> ExtractionConfig.builder().roles(roles));
  static final Option<List<ProtectedRoute>> ROUTES = option("routes", List.of(), null);
  static final Option<List<String>> PROTECTED_PATHS = option("protected-paths", List.of(), LockLLMSettings::list);
  static final Option<Set<String>> PROTECTED_METHODS =
      option("protected-methods", ProtectedRoute.DEFAULT_METHODS, v -> Set.copyOf(list(v)));
  static final Option<Duration> ABUSE_WINDOW = option("abuse.window", null, LockLLMSettings::parseDuration,
      window -> {
        if (window != null) {
          slotOf(window);
        }
      });
  static final Option<Integer> ABUSE_RAPID_REQUESTS = option("abuse.rapid-requests", null, Integer::valueOf);
  static final Option<Integer> ABUSE_DUPLICATE_PROMPTS = option("abuse.duplicate-prompts", null, Integer::valueOf);
  static final Option<Integer> ABUSE_BURST_MIN_REQUESTS = option("abuse.burst-min-requests", null, Integer::valueOf);
  static final Option<Integer> ABUSE_MAX_CLIENTS = option("abuse.max-clients", null, Integer::valueOf);
  static final Option<String> CLIENT_KEY_HEADER = option("client-key.header", null, Function.identity());
  static final Option<List<String>> TRUSTED_PROXIES = option("client-key.trusted-proxies", List.of(),
      LockLLMSettings::list, ClientKeyResolver::remoteAddress);
  static final Option<Boolean> CACHE_ENABLED = option("cache.enabled", false, Boolean::parseBoolean);
  static final Option<Duration> CACHE_TTL =
      option("cache.ttl", CaffeineScanCache.DEFAULT_TTL, LockLLMSettings::parseDuration);
  static final Option<Integer> CACHE_MAX_ENTRIES =
      option("cache.max-entries", CaffeineScanCache.DEFAULT_MAX_ENTRIES, Integer::valueOf);
  static final Option<Boolean> PROXY_HEADERS = option("proxy-headers", false, Boolean::parseBoolean);
  static final Option<Boolean> DECISION_LOG_ENABLED = option("decision-log.enabled", false, LockLLMSettings::flag);
  static final Option<Double> DECISION_LOG_SAMPLE_RATE = option("decision-log.sample-rate", 1.0, Double::valueOf,
      DecisionLog::sampled);
  static final Option<EngineTier> ENGINE_TIER =
      option("engine-tier", null, v -> wire(EngineTier.class, v, "engine-tier"));
  static final Option<Double> POLICY_SIMILARITY = option("policy-similarity", null, Double::valueOf);
  static final Option<List<CustomPolicy>> POLICIES = option("policies", List.of(), null);
  static final Option<ModelRouting> ROUTING = option("routing", ModelRouting.NONE, null);
  static final Option<Boolean> OUTPUT_ENABLED = option("output.enabled", false, LockLLMSettings::flag);
  static final Option<PersonalDataRule> OUTPUT_PERSONAL_DATA =
      option("output.personal-data", PersonalDataRule.INPUT, PersonalDataRule::fromWire);
  static final Option<OutputRule> OUTPUT_SECRETS = option("output.secrets", OutputRule.STRIP, OutputRule::fromWire);
  static final Option<OutputRule> OUTPUT_EXFILTRATION =
      option("output.exfiltration", OutputRule.STRIP, OutputRule::fromWire);
  static final Option<List<String>> OUTPUT_ALLOWED_HOSTS = option("output.allowed-hosts", List.of(),
      LockLLMSettings::list, hosts -> OutputPolicy.builder().allowedHosts(hosts));
  static final Option<OutputRule> OUTPUT_CANARY_ACTION =
      option("output.canary-action", OutputRule.BLOCK, OutputRule::fromWire);
  static final Option<OutputRule> OUTPUT_SYSTEM_PROMPT_LEAK =
      option("output.system-prompt-leak", OutputRule.WARN, OutputRule::fromWire);
  static final Option<Integer> OUTPUT_LEAK_MIN_LENGTH = option("output.leak-min-length",
      SystemPromptLeakCheck.DEFAULT_MIN_LENGTH, Integer::valueOf, length -> OutputPolicy.builder().leakMinLength(length));
  static final Option<Patterns> OUTPUT_PATTERNS = option(OutputProperties.PATTERNS, Patterns.NONE, null);
  static final Option<List<Allowlist.Entry>> OUTPUT_ALLOWLIST = option(OutputProperties.ALLOWLIST, List.of(), null);
  static final Option<Boolean> OUTPUT_SHADOW = option("output.shadow", false, LockLLMSettings::flag);
  static final Option<Boolean> OUTPUT_RESTORE_TOOL_ARGUMENTS =
      option("output.restore-tool-arguments", false, LockLLMSettings::flag);
  static final Option<Long> OUTPUT_MAX_BUFFERED_BYTES = option("output.max-buffered-bytes",
      OutputPolicy.DEFAULT_MAX_BUFFERED_BYTES, v -> (long) parseSize(v), bytes -> OutputPolicy.builder().maxBufferedBytes(bytes));
  static final Option<OutputAction> OUTPUT_UNSCANNABLE = option("output.unscannable", OutputAction.BLOCK,
      v -> wire(OutputAction.class, v, "output.unscannable"), action -> OutputPolicy.builder().unscannable(action));
  static final Option<List<String>> OUTPUT_ANSWER_POINTERS = option("output.answer-pointers", List.of(),
      LockLLMSettings::list, pointers -> OutputPolicy.builder().answerPointers(pointers));
  static final Option<Boolean> CANARY_ENABLED = option("canary.enabled", false, LockLLMSettings::flag);
  static final Option<String> CANARY_WORDING = option("canary.wording", Canary.DEFAULT_WORDING, Function.identity(),
      wording -> new Canary(true, wording, Canary.Position.END));
  static final Option<Canary.Position> CANARY_POSITION = option("canary.position", Canary.Position.END,
      v -> wire(Canary.Position.class, v, "canary.position"));

  /** The options {@link #fromMap} reads by name, in declaration order. */
  private static final Map<String, Option<?>> BY_NAME = byName();

  private final Map<Option<?>, Object> values;
  private final ScanOptions scanOptions;
  private final ExtractionConfig extraction;
  private final ClientKeyResolver clientKeyResolver;
  private final OutputPolicy output;
  private final Canary canary;

  private LockLLMSettings(Map<Option<?>, Object> values, ScanOptions scanOptions, ExtractionConfig extraction,
      OutputPolicy output, Canary canary) {
    this.values = values;
    this.scanOptions = scanOptions;
    this.extraction = extraction;
    this.output = output;
    this.canary = canary;
    ClientKeyResolver resolver = ClientKeyResolver.principal();
    if (get(CLIENT_KEY_HEADER) != null) {
      resolver = resolver.orElse(ClientKeyResolver.header(get(CLIENT_KEY_HEADER)));
    }
    this.clientKeyResolver = resolver.orElse(ClientKeyResolver.remoteAddress(get(TRUSTED_PROXIES)));
  }

  private static Map<String, Option<?>> byName() {
    Map<String, Option<?>> byName = new LinkedHashMap<>();
    for (Option<?> option : Option.ALL) {
      if (option.parse != null) {
        byName.put(option.name, option);
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /** Settings with every option at its default, to change one by one. */
  public static Builder builder() {
    return new Builder(new HashMap<>());
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(new HashMap<>(values));
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
   * policies.*}, {@code routing.*}, {@code output.patterns.*} and {@code output.allowlist.*} names;
   * for adapters' completeness tests.
   */
  public static Set<String> knownNames() {
    return BY_NAME.keySet();
  }

  private <T> T get(Option<T> option) {
    return option.in(values);
  }

  public boolean enabled() {
    return get(ENABLED);
  }

  public ScannerKind scannerKind() {
    return get(SCANNER);
  }

  public ScanOptions scanOptions() {
    return scanOptions;
  }

  public FailMode failMode() {
    return get(FAIL_MODE);
  }

  public Duration scanTimeout() {
    return get(SCAN_TIMEOUT);
  }

  public ExtractionConfig extraction() {
    return extraction;
  }

  /** Routes with options of their own ({@code routes}), tried before {@code protected-paths}; none by default. */
  public List<ProtectedRoute> routes() {
    return get(ROUTES);
  }

  public List<String> protectedPaths() {
    return get(PROTECTED_PATHS);
  }

  public Set<String> protectedMethods() {
    return get(PROTECTED_METHODS);
  }

  /** The embedded engine's tier, or {@code null} for the best one on the class path. */
  public EngineTier engineTier() {
    return get(ENGINE_TIER);
  }

  public boolean cacheEnabled() {
    return get(CACHE_ENABLED);
  }

  public boolean proxyHeaders() {
    return get(PROXY_HEADERS);
  }

  /** Whether a JSON line per decision goes to the {@value DecisionLog#LOGGER} logger ({@code decision-log.enabled}). */
  public boolean decisionLogEnabled() {
    return get(DECISION_LOG_ENABLED);
  }

  /** The share of allowed and unscanned decisions the decision log writes ({@code decision-log.sample-rate}). */
  public double decisionLogSampleRate() {
    return get(DECISION_LOG_SAMPLE_RATE);
  }

  /** The embedded engine's custom policies ({@code policies}); none by default. */
  public List<CustomPolicy> policies() {
    return get(POLICIES);
  }

  /** The embedded engine's model routing ({@code routing}); {@link ModelRouting#NONE} by default. */
  public ModelRouting routing() {
    return get(ROUTING);
  }

  /**
   * The answer side's policy ({@code output.*}), for every route without one of its own; {@link
   * OutputPolicy#disabled()} unless {@code output.enabled}, with the other {@code output.*}
   * options kept, so a route can turn it on.
   */
  public OutputPolicy output() {
    return output;
  }

  /** The canary added to system prompts ({@code canary.*}); {@link Canary#disabled()} by default. */
  public Canary canary() {
    return canary;
  }

  /** The custom output patterns ({@code output.patterns}); none by default. */
  public List<OutputPolicy.CustomPattern> outputPatterns() {
    return get(OUTPUT_PATTERNS).list();
  }

  /** The answer-side allowlist ({@code output.allowlist}); empty by default. */
  public List<Allowlist.Entry> outputAllowlist() {
    return get(OUTPUT_ALLOWLIST);
  }

  /** What these settings hand the embedded engine's provider. */
  public EngineSettings engineSettings() {
    return new EngineSettings(get(ENGINE_TIER), get(POLICIES), get(POLICY_SIMILARITY), get(ROUTING));
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
    String key = get(API_KEY) != null ? get(API_KEY) : env.get(Scanners.API_KEY_ENV);
    String url = get(BASE_URL) != null ? get(BASE_URL) : env.get(Scanners.BASE_URL_ENV);
    return Scanners.remote(new RemoteSettings(key, url == null || url.isBlank() ? null : url, get(TIMEOUT),
        get(MAX_RETRIES), get(TOTAL_TIMEOUT), get(BREAKER_FAILURES), get(BREAKER_OPEN_FOR), listener));
  }

  /**
   * Whether {@link #scanner} selects the LockLLM API: {@code scanner=remote}, or {@code auto} with
   * an API key in {@code api-key} or {@code LOCKLLM_API_KEY} of {@code env}. The one place the
   * choice is made.
   */
  public boolean remote(Map<String, String> env) {
    return remote(get(SCANNER), get(API_KEY), env);
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
    if (!get(CACHE_ENABLED)) {
      return scanner;
    }
    return CachingScanner.create(scanner, cache != null ? cache : CaffeineScanCache.create(get(CACHE_MAX_ENTRIES), get(CACHE_TTL)));
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
        : get(ABUSE_MAX_CLIENTS) != null ? InMemoryCounterStore.create(get(ABUSE_MAX_CLIENTS))
        : InMemoryCounterStore.create();
    LockLLMInterceptor.Builder builder = LockLLMInterceptor.builder(scanner)
        .options(scanOptions)
        .extraction(extraction)
        .failMode(get(FAIL_MODE))
        .scanTimeout(get(SCAN_TIMEOUT))
        .requestPatterns(requestPatterns(store))
        .clientKeyResolver(clientKeyResolver)
        .proxyHeaders(get(PROXY_HEADERS))
        .headerTrust(HeaderTrust.NONE)
        .output(output)
        .canary(canary);
    if (get(DECISION_LOG_ENABLED)) {
      builder.listener(DecisionLog.sampled(get(DECISION_LOG_SAMPLE_RATE)));
    }
    get(ROUTES).forEach(builder::route);
    List<String> paths = get(PROTECTED_PATHS);
    Set<String> methods = get(PROTECTED_METHODS);
    if (!paths.isEmpty()) {
      builder.route(ProtectedRoute.builder(paths).methods(methods).build());
    } else if (!get(ROUTES).isEmpty() || !methods.equals(ProtectedRoute.DEFAULT_METHODS)) {
      // no protected-paths: every path, after the routes with options of their own
      builder.route(ProtectedRoute.builder("/**").methods(methods).build());
    }
    return builder;
  }

  private RequestPatterns requestPatterns(CounterStore store) {
    RequestPatterns.Builder patterns = RequestPatterns.builder(store);
    Duration window = get(ABUSE_WINDOW);
    if (window != null) {
      patterns.window(window, slotOf(window));
    }
    if (get(ABUSE_RAPID_REQUESTS) != null) {
      patterns.rapidRequests(get(ABUSE_RAPID_REQUESTS));
    }
    if (get(ABUSE_DUPLICATE_PROMPTS) != null) {
      patterns.duplicatePrompts(get(ABUSE_DUPLICATE_PROMPTS));
    }
    if (get(ABUSE_BURST_MIN_REQUESTS) != null) {
      patterns.burstMinRequests(get(ABUSE_BURST_MIN_REQUESTS));
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
    private final List<DecisionListener> decisions = new ArrayList<>();
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

    /** Adds a listener told of every decision (metrics, tracing), after the decision log the settings may add. */
    public Assembly decisions(DecisionListener listener) {
      decisions.add(Objects.requireNonNull(listener, "listener"));
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
      LockLLMInterceptor.Builder builder = settings.interceptorBuilder(scanning, counters).headerTrust(trust)
          .listeners(decisions);
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
    return o instanceof LockLLMSettings that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The options set away from their defaults, but the API key, which is only said to be set. */
  @Override
  public String toString() {
    Map<String, Object> shown = new LinkedHashMap<>();
    for (Option<?> option : Option.ALL) {
      if (values.containsKey(option)) {
        shown.put(option.name, option == API_KEY ? "(set)" : values.get(option));
      }
    }
    return "LockLLMSettings" + shown;
  }

  static <E extends Enum<E>> E wire(Class<E> type, String value, String option) {
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
   * Typed settings, each option by its own setter (the property name in the setter's Javadoc); a
   * value an option refuses on its own fails in the setter, and {@link #build()} checks what one
   * option alone cannot, each naming the option in a {@link ConfigurationException}. Not
   * thread-safe.
   */
  public static final class Builder {
    private final Map<Option<?>, Object> values;

    private Builder(Map<Option<?>, Object> values) {
      this.values = values;
    }

    /**
     * Sets {@code option}, or takes it back to its default when {@code value} is {@code null};
     * a value equal to the default is not kept, so settings equal in effect are equal.
     */
    private <T> Builder set(Option<T> option, T value) {
      if (value == null || value.equals(option.defaultValue)) {
        values.remove(option);
        return this;
      }
      valid(option.name, () -> option.check.accept(value));
      values.put(option, value);
      return this;
    }

    private <T> T get(Option<T> option) {
      return option.in(values);
    }

    /** {@code enabled}: whether the adapter scans at all (default true). */
    public Builder enabled(boolean enabled) {
      return set(ENABLED, enabled);
    }

    /** {@code scanner}; {@code null}, the default {@link ScannerKind#AUTO}. */
    public Builder scanner(ScannerKind kind) {
      return set(SCANNER, kind);
    }

    /** {@code api-key}: the LockLLM API key; unset, {@code LOCKLLM_API_KEY} is read. */
    public Builder apiKey(String apiKey) {
      return set(API_KEY, apiKey);
    }

    /** {@code base-url} of the LockLLM API; unset, {@code LOCKLLM_BASE_URL} or the public API. */
    public Builder baseUrl(String baseUrl) {
      return set(BASE_URL, baseUrl);
    }

    /** {@code timeout} of one LockLLM API attempt. */
    public Builder timeout(Duration timeout) {
      return set(TIMEOUT, timeout);
    }

    /** {@code max-retries} of the LockLLM API client. */
    public Builder maxRetries(Integer maxRetries) {
      return set(MAX_RETRIES, maxRetries);
    }

    /** {@code total-timeout}: the LockLLM API client's deadline across retries. */
    public Builder totalTimeout(Duration totalTimeout) {
      return set(TOTAL_TIMEOUT, totalTimeout);
    }

    /** {@code circuit-breaker-failures}: failures in a row that open the client's breaker; 0 turns it off. */
    public Builder circuitBreakerFailures(Integer failures) {
      return set(BREAKER_FAILURES, failures);
    }

    /** {@code circuit-breaker-open-for}: how long the breaker stays open. */
    public Builder circuitBreakerOpenFor(Duration openFor) {
      return set(BREAKER_OPEN_FOR, openFor);
    }

    /** All the scan options at once ({@code sensitivity} to {@code route-action}), replacing those set before. */
    public Builder scanOptions(ScanOptions options) {
      Objects.requireNonNull(options, "scanOptions");
      return sensitivity(options.sensitivity()).scanMode(options.scanMode()).scanAction(options.scanAction())
          .policyAction(options.policyAction()).abuseAction(options.abuseAction()).piiAction(options.piiAction())
          .compression(options.compression()).compressionRate(options.compressionRate()).chunk(options.chunk())
          .routeAction(options.routeAction());
    }

    /** {@code sensitivity}: low, medium or high; unset, the scanner's default (medium). */
    public Builder sensitivity(Sensitivity sensitivity) {
      return set(SENSITIVITY, sensitivity);
    }

    /** {@code scan-mode}: normal, policy_only or combined. */
    public Builder scanMode(ScanMode mode) {
      return set(SCAN_MODE, mode);
    }

    /** {@code scan-action}: what a detected injection does. */
    public Builder scanAction(ScanAction action) {
      return set(SCAN_ACTION, action);
    }

    /** {@code policy-action}: what a custom-policy violation does. */
    public Builder policyAction(ScanAction action) {
      return set(POLICY_ACTION, action);
    }

    /** {@code abuse-action}: what detected abuse does; unset, abuse is not checked. */
    public Builder abuseAction(ScanAction action) {
      return set(ABUSE_ACTION, action);
    }

    /** {@code pii-action}: what personal data does; unset, it is not checked. */
    public Builder piiAction(PiiAction action) {
      return set(PII_ACTION, action);
    }

    /** {@code compression}: toon, compact or combined; unset, off. */
    public Builder compression(CompressionMethod compression) {
      return set(COMPRESSION, compression);
    }

    /** {@code compression-rate}: 0.3 to 0.7. */
    public Builder compressionRate(Double rate) {
      return set(COMPRESSION_RATE, rate);
    }

    /** {@code chunk}: whether long prompts are scanned in overlapping windows. */
    public Builder chunk(Boolean chunk) {
      return set(CHUNK, chunk);
    }

    /** {@code route-action}: disabled, auto or custom. */
    public Builder routeAction(RouteAction action) {
      return set(ROUTE_ACTION, action);
    }

    /** {@code fail-mode}; {@code null}, the default {@link FailMode#CLOSED}. */
    public Builder failMode(FailMode failMode) {
      return set(FAIL_MODE, failMode);
    }

    /** {@code scan-timeout}: the longest a request waits for its verdict; {@code null}, the default. */
    public Builder scanTimeout(Duration scanTimeout) {
      return set(SCAN_TIMEOUT, scanTimeout);
    }

    /** All of what is scanned at once ({@code extraction.*}, {@code max-body-size}, {@code max-depth}). */
    public Builder extraction(ExtractionConfig extraction) {
      Objects.requireNonNull(extraction, "extraction");
      return extractionFormat(extraction.format()).extractionPointers(extraction.pointers())
          .extractionRoles(extraction.roles()).maxBodySize(extraction.maxBodyBytes()).maxDepth(extraction.maxDepth());
    }

    /** {@code extraction.format} (default {@link PromptFormat#AUTO}). */
    public Builder extractionFormat(PromptFormat format) {
      return set(EXTRACTION_FORMAT, format);
    }

    /** {@code extraction.pointers}: JSON Pointers to the prompt fields, for the pointers format. */
    public Builder extractionPointers(List<String> pointers) {
      return set(EXTRACTION_POINTERS, List.copyOf(pointers));
    }

    /** {@code extraction.roles}: roles whose text is scanned (default all). */
    public Builder extractionRoles(Set<String> roles) {
      return set(EXTRACTION_ROLES, Set.copyOf(roles));
    }

    /** {@code max-body-size} in bytes, at most {@link Integer#MAX_VALUE}. */
    public Builder maxBodySize(long bytes) {
      return set(MAX_BODY_SIZE, bytes);
    }

    /** {@code max-depth}: deepest JSON nesting accepted. */
    public Builder maxDepth(int depth) {
      return set(MAX_DEPTH, depth);
    }

    /**
     * {@code routes}: routes with scan options, extraction and an answer-side policy of their own
     * (per-endpoint sensitivity, say), tried in order before {@code protected-paths}, whose empty
     * default still protects every other path. Set in code or by a customizer; there is no property
     * form. A route's output policy replaces the global one whole: start it from {@link #output()}
     * ({@code b.output().toBuilder().enabled(true).shadow(true).build()}) to change only some options.
     */
    public Builder routes(List<ProtectedRoute> routes) {
      return set(ROUTES, List.copyOf(routes));
    }

    /** {@code protected-paths}: Ant-style patterns; empty, every path. */
    public Builder protectedPaths(List<String> paths) {
      return set(PROTECTED_PATHS, List.copyOf(paths));
    }

    /** {@code protected-methods} (default POST, PUT, PATCH). */
    public Builder protectedMethods(Set<String> methods) {
      return set(PROTECTED_METHODS, Set.copyOf(methods));
    }

    /** {@code engine-tier}; {@code null}, the best on the class path. */
    public Builder engineTier(EngineTier tier) {
      return set(ENGINE_TIER, tier);
    }

    /** {@code policy-similarity}: cosine similarity (0 to 1) at which a prompt matches a policy example. */
    public Builder policySimilarity(Double similarity) {
      return set(POLICY_SIMILARITY, similarity);
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
      return set(POLICIES, List.copyOf(sorted));
    }

    /** {@code routing}: the embedded engine's model routing. */
    public Builder routing(ModelRouting routing) {
      return set(ROUTING, Objects.requireNonNull(routing, "routing"));
    }

    /**
     * {@code policies} and {@code routing} read from the flat layout of {@code web.xml} ({@code
     * policies.KEY.categories.KEY.phrases[0]}, {@code routing.models.low}, ...), for binders that hand
     * nested maps over flat (Micronaut's); other keys are ignored.
     *
     * @throws ConfigurationException naming a malformed key or a bad entry
     */
    public Builder engineProperties(Map<String, String> flat) {
      policies(group("policies", () -> EngineProperties.policies(flat)));
      return routing(group("routing", () -> EngineProperties.routing(flat)));
    }

    /** The routing set so far, so a default can fill only what is unset. */
    public ModelRouting routing() {
      return get(ROUTING);
    }

    /** As {@link LockLLMSettings#remote(Map)} for the options set so far. */
    public boolean remote(Map<String, String> env) {
      return LockLLMSettings.remote(get(SCANNER), get(API_KEY), env);
    }

    /** {@code abuse.window}: a whole number of seconds. */
    public Builder abuseWindow(Duration window) {
      return set(ABUSE_WINDOW, window);
    }

    /** {@code abuse.rapid-requests} per client and window. */
    public Builder abuseRapidRequests(Integer limit) {
      return set(ABUSE_RAPID_REQUESTS, limit);
    }

    /** {@code abuse.duplicate-prompts} per client and window. */
    public Builder abuseDuplicatePrompts(Integer limit) {
      return set(ABUSE_DUPLICATE_PROMPTS, limit);
    }

    /** {@code abuse.burst-min-requests}: requests in a window before a burst counts. */
    public Builder abuseBurstMinRequests(Integer min) {
      return set(ABUSE_BURST_MIN_REQUESTS, min);
    }

    /** {@code abuse.max-clients}: clients the in-memory counters remember. */
    public Builder abuseMaxClients(Integer max) {
      return set(ABUSE_MAX_CLIENTS, max);
    }

    /** {@code client-key.header}: a header naming the client, after the authenticated principal. */
    public Builder clientKeyHeader(String header) {
      return set(CLIENT_KEY_HEADER, header);
    }

    /** {@code client-key.trusted-proxies}: addresses or CIDR ranges whose {@code X-Forwarded-For} is believed. */
    public Builder trustedProxies(List<String> proxies) {
      return set(TRUSTED_PROXIES, List.copyOf(proxies));
    }

    /** {@code cache.enabled} (default false). */
    public Builder cacheEnabled(boolean enabled) {
      return set(CACHE_ENABLED, enabled);
    }

    /** {@code cache.ttl}; {@code null}, the default. */
    public Builder cacheTtl(Duration ttl) {
      return set(CACHE_TTL, ttl);
    }

    /** {@code cache.max-entries}. */
    public Builder cacheMaxEntries(int maxEntries) {
      return set(CACHE_MAX_ENTRIES, maxEntries);
    }

    /** {@code proxy-headers}: whether trusted clients' {@code X-LockLLM-*} headers apply (default false). */
    public Builder proxyHeaders(boolean proxyHeaders) {
      return set(PROXY_HEADERS, proxyHeaders);
    }

    /** {@code decision-log.enabled}: one JSON line per decision, without prompt text (default false). */
    public Builder decisionLogEnabled(boolean enabled) {
      return set(DECISION_LOG_ENABLED, enabled);
    }

    /**
     * {@code decision-log.sample-rate}: the share, 0 to 1, of allowed and unscanned decisions
     * written (default 1); blocked, warned, refused and failed-open ones are always written.
     */
    public Builder decisionLogSampleRate(double rate) {
      return set(DECISION_LOG_SAMPLE_RATE, rate);
    }

    /**
     * All the answer side's options at once ({@code output.*}), replacing those set before; a
     * policy's {@code enabled} is {@code output.enabled}.
     */
    public Builder output(OutputPolicy policy) {
      Objects.requireNonNull(policy, "output");
      PersonalDataRule personalData = policy.personalDataFollowsInput() ? PersonalDataRule.INPUT
          : policy.personalData() == null ? PersonalDataRule.OFF : PersonalDataRule.valueOf(policy.personalData().name());
      return outputEnabled(policy.enabled()).outputPersonalData(personalData)
          .outputSecrets(OutputRule.of(policy.secrets())).outputExfiltration(OutputRule.of(policy.exfiltration()))
          .outputAllowedHosts(policy.allowedHosts()).outputCanaryAction(OutputRule.of(policy.canary()))
          .outputSystemPromptLeak(OutputRule.of(policy.systemPromptLeak())).outputLeakMinLength(policy.leakMinLength())
          .outputPatterns(policy.patterns()).outputAllowlist(policy.allowlist()).outputShadow(policy.shadow())
          .outputRestoreToolArguments(policy.restoreToolArguments()).outputMaxBufferedBytes(policy.maxBufferedBytes())
          .outputUnscannable(policy.unscannable()).outputAnswerPointers(policy.answerPointers());
    }

    /**
     * {@code output.enabled}: whether answers are scanned (default false in the library). Off,
     * masked personal data is still restored and a {@code canary} still checked, under the other
     * {@code output.*} options.
     */
    public Builder outputEnabled(boolean enabled) {
      return set(OUTPUT_ENABLED, enabled);
    }

    /** {@code output.personal-data}: {@code input} (the default: as the request's PII action), strip, block, warn or off. */
    public Builder outputPersonalData(PersonalDataRule rule) {
      return set(OUTPUT_PERSONAL_DATA, rule);
    }

    /** {@code output.secrets}: API keys, tokens, private keys, connection strings (default strip). */
    public Builder outputSecrets(OutputRule rule) {
      return set(OUTPUT_SECRETS, rule);
    }

    /** {@code output.exfiltration}: markdown images and links carrying data to other hosts (default strip). */
    public Builder outputExfiltration(OutputRule rule) {
      return set(OUTPUT_EXFILTRATION, rule);
    }

    /** {@code output.allowed-hosts}: hosts exfiltration links may point to ({@code example.com}, {@code *.example.com}). */
    public Builder outputAllowedHosts(List<String> hosts) {
      return set(OUTPUT_ALLOWED_HOSTS, List.copyOf(hosts));
    }

    /** {@code output.canary-action}: what an answer repeating the request's canary gets (default block). */
    public Builder outputCanaryAction(OutputRule rule) {
      return set(OUTPUT_CANARY_ACTION, rule);
    }

    /** {@code output.system-prompt-leak}: what a long verbatim span of the system prompt gets (default warn). */
    public Builder outputSystemPromptLeak(OutputRule rule) {
      return set(OUTPUT_SYSTEM_PROMPT_LEAK, rule);
    }

    /** {@code output.leak-min-length}: the shortest span that counts as a leak, in characters (default 60, at least 8). */
    public Builder outputLeakMinLength(Integer characters) {
      return set(OUTPUT_LEAK_MIN_LENGTH, characters);
    }

    /**
     * {@code output.patterns}: custom checks, replacing any set before; kept in name order, so
     * settings from any source read alike.
     *
     * @throws ConfigurationException for two patterns of one name
     */
    public Builder outputPatterns(List<OutputPolicy.CustomPattern> patterns) {
      List<OutputPolicy.CustomPattern> sorted = new ArrayList<>(patterns);
      sorted.sort(Comparator.comparing(OutputPolicy.CustomPattern::name));
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
          throw new ConfigurationException("Invalid value for LockLLM option '" + OutputProperties.PATTERNS
              + "': two patterns are named " + sorted.get(i).name());
        }
      }
      return set(OUTPUT_PATTERNS, new Patterns(sorted));
    }

    /** {@code output.allowlist}: known false positives, each with an owner and a reason, replacing any set before. */
    public Builder outputAllowlist(List<Allowlist.Entry> entries) {
      return set(OUTPUT_ALLOWLIST, List.copyOf(entries));
    }

    /** {@code output.shadow}: run every check and report what it would do, but rewrite and block nothing (default false). */
    public Builder outputShadow(boolean shadow) {
      return set(OUTPUT_SHADOW, shadow);
    }

    /** {@code output.restore-tool-arguments}: restore masked personal data into tool-call arguments too (default false). */
    public Builder outputRestoreToolArguments(boolean restore) {
      return set(OUTPUT_RESTORE_TOOL_ARGUMENTS, restore);
    }

    /** {@code output.max-buffered-bytes}: the largest buffered (not streamed) answer read (default 8 MiB). */
    public Builder outputMaxBufferedBytes(Long bytes) {
      return set(OUTPUT_MAX_BUFFERED_BYTES, bytes);
    }

    /** {@code output.unscannable}: what an answer the guard cannot read gets, block (default) or warn. */
    public Builder outputUnscannable(OutputAction action) {
      return set(OUTPUT_UNSCANNABLE, action);
    }

    /** {@code output.answer-pointers}: JSON Pointers to the answer's text; empty (default), located by the request's format. */
    public Builder outputAnswerPointers(List<String> pointers) {
      return set(OUTPUT_ANSWER_POINTERS, List.copyOf(pointers));
    }

    /**
     * {@code output.patterns} and {@code output.allowlist} read from the flat layout of {@code
     * web.xml} ({@code output.patterns.NAME.regex}, {@code output.allowlist[0].owner}, ...), for
     * binders that hand nested maps over flat (Micronaut's); other keys are ignored.
     *
     * @throws ConfigurationException naming a malformed key or a bad entry
     */
    public Builder outputProperties(Map<String, String> flat) {
      outputPatterns(group(OutputProperties.PATTERNS, () -> OutputProperties.patterns(flat)));
      return outputAllowlist(group(OutputProperties.ALLOWLIST, () -> OutputProperties.allowlist(flat)));
    }

    /** All the canary's options at once ({@code canary.*}). */
    public Builder canary(Canary canary) {
      Objects.requireNonNull(canary, "canary");
      return canaryEnabled(canary.enabled()).canaryWording(canary.wording()).canaryPosition(canary.position());
    }

    /** {@code canary.enabled}: add a fresh canary token to each request's system prompt (default false). */
    public Builder canaryEnabled(boolean enabled) {
      return set(CANARY_ENABLED, enabled);
    }

    /** {@code canary.wording}: the sentence added, with {@value Canary#PLACEHOLDER} where the token goes. */
    public Builder canaryWording(String wording) {
      return set(CANARY_WORDING, wording);
    }

    /** {@code canary.position}: start or end (default, which keeps the system prompt before it cacheable). */
    public Builder canaryPosition(Canary.Position position) {
      return set(CANARY_POSITION, position);
    }

    /** The answer side's policy set so far, so a route's own can start from it ({@code toBuilder()}). */
    public OutputPolicy output() {
      return group("output", this::outputPolicy);
    }

    private OutputPolicy outputPolicy() {
      OutputPolicy.Builder policy = OutputPolicy.builder().enabled(get(OUTPUT_ENABLED))
          .secrets(get(OUTPUT_SECRETS).action()).exfiltration(get(OUTPUT_EXFILTRATION).action())
          .allowedHosts(get(OUTPUT_ALLOWED_HOSTS)).canary(get(OUTPUT_CANARY_ACTION).action())
          .systemPromptLeak(get(OUTPUT_SYSTEM_PROMPT_LEAK).action()).leakMinLength(get(OUTPUT_LEAK_MIN_LENGTH))
          .patterns(get(OUTPUT_PATTERNS).list()).allowlist(get(OUTPUT_ALLOWLIST)).shadow(get(OUTPUT_SHADOW))
          .restoreToolArguments(get(OUTPUT_RESTORE_TOOL_ARGUMENTS)).maxBufferedBytes(get(OUTPUT_MAX_BUFFERED_BYTES))
          .unscannable(get(OUTPUT_UNSCANNABLE)).answerPointers(get(OUTPUT_ANSWER_POINTERS));
      PersonalDataRule personalData = get(OUTPUT_PERSONAL_DATA);
      switch (personalData) {
        case INPUT -> policy.personalDataFollowsInput();
        case OFF -> policy.personalData(null);
        default -> policy.personalData(OutputAction.valueOf(personalData.name()));
      }
      return policy.build();
    }

    /**
     * The settings.
     *
     * @throws ConfigurationException naming the option whose value the pieces it builds refuse
     */
    public LockLLMSettings build() {
      ScanOptions scan = ScanOptions.builder().sensitivity(get(SENSITIVITY)).scanMode(get(SCAN_MODE))
          .scanAction(get(SCAN_ACTION)).policyAction(get(POLICY_ACTION)).abuseAction(get(ABUSE_ACTION))
          .piiAction(get(PII_ACTION)).compression(get(COMPRESSION)).compressionRate(get(COMPRESSION_RATE))
          .chunk(get(CHUNK)).routeAction(get(ROUTE_ACTION)).build();
      ExtractionConfig extract = group("extraction", () -> ExtractionConfig.builder().format(get(EXTRACTION_FORMAT))
          .pointers(get(EXTRACTION_POINTERS)).roles(get(EXTRACTION_ROLES))
          .maxBodyBytes(Math.toIntExact(get(MAX_BODY_SIZE))).maxDepth(get(MAX_DEPTH)).build());
      OutputPolicy output = output();
      Canary canary = group("canary", () -> new Canary(get(CANARY_ENABLED), get(CANARY_WORDING), get(CANARY_POSITION)));
      LockLLMSettings settings = new LockLLMSettings(Map.copyOf(values), scan, extract, output, canary);
      group("abuse", () -> settings.requestPatterns(InMemoryCounterStore.create(1)));
      group("cache", () -> CaffeineScanCache.create(get(CACHE_MAX_ENTRIES), get(CACHE_TTL)));
      return settings;
    }

    private static void valid(String option, Runnable check) {
      try {
        check.run();
      } catch (ConfigurationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ConfigurationException("Invalid value for LockLLM option '" + option + "': " + e.getMessage(), e);
      }
    }

    private static <T> T group(String what, Supplier<T> build) {
      try {
        return build.get();
      } catch (ConfigurationException e) {
        throw e;
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

  /** {@code true} or {@code false}, in any case; anything else is refused rather than read as false. */
  static boolean flag(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + value + "'");
    };
  }

  static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return List.copyOf(items);
  }

  /** Reads options by name into a {@link Builder}, turning every bad value into a {@link ConfigurationException} that names it. */
  private static final class Reader {
    private final Map<Option<?>, String> values = new HashMap<>();
    private final Map<String, String> engine = new HashMap<>();
    private final Map<String, String> output = new HashMap<>();

    Reader(Map<String, String> raw) {
      raw.forEach((name, value) -> {
        String key = name.startsWith("lockllm.") ? name.substring("lockllm.".length()) : name;
        boolean engineOption = EngineProperties.isPolicyKey(key) || EngineProperties.isRoutingKey(key);
        boolean outputOption = OutputProperties.isPatternKey(key) || OutputProperties.isAllowlistKey(key);
        Option<?> option = BY_NAME.get(key);
        if (!engineOption && !outputOption && option == null) {
          throw new ConfigurationException("Unknown LockLLM option '" + name + "'; known options: "
              + String.join(", ", BY_NAME.keySet()) + ", policies.*, routing.*, output.patterns.*, output.allowlist.*");
        }
        if (value == null || value.isBlank()) {
          return;
        }
        if (engineOption) {
          engine.put(key, value.trim());
        } else if (outputOption) {
          output.put(key, value.trim());
        } else {
          values.put(option, value.trim());
        }
      });
    }

    LockLLMSettings read() {
      Builder b = builder();
      for (Option<?> option : BY_NAME.values()) {
        String value = values.get(option);
        if (value != null) {
          apply(b, option, value);
        }
      }
      return b.engineProperties(engine).outputProperties(output).build();
    }

    private static <T> void apply(Builder b, Option<T> option, String value) {
      T parsed;
      try {
        parsed = option.parse.apply(value);
      } catch (ConfigurationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ConfigurationException("Invalid value for LockLLM option '" + option.name + "': " + message(e), e);
      }
      b.set(option, parsed);
    }

    private static String message(RuntimeException e) {
      return e instanceof NumberFormatException ? "not a number (" + e.getMessage() + ")" : e.getMessage();
    }
  }
}
