package com.lockllm.micronaut;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.config.LockLLMSettings.OutputRule;
import com.lockllm.config.LockLLMSettings.PersonalDataRule;
import com.lockllm.config.LockLLMSettings.ScannerKind;
import com.lockllm.error.ConfigurationException;
import com.lockllm.extract.PromptFormat;
import com.lockllm.intercept.FailMode;
import com.lockllm.output.OutputAction;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.EngineTier;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.RouteAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.Sensitivity;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.util.Toggleable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code lockllm.*} properties, with the option names of {@link LockLLMSettings} (so
 * {@code lockllm.scan-action=block}, or {@code LOCKLLM_SCAN_ACTION=block} from the environment).
 * A dumb holder: unset ({@code null}) means the core default, and {@link #toSettings()} is the
 * one place that maps it onto the core's typed settings, which validate every value and name a bad
 * one.
 */
@ConfigurationProperties(LockLLMConfiguration.PREFIX)
public class LockLLMConfiguration implements Toggleable {
  /** The properties' prefix. */
  public static final String PREFIX = "lockllm";
  /** The property that removes the filter and its beans when {@code false}. */
  public static final String ENABLED = PREFIX + ".enabled";

  /** Whether the filter and its beans exist at all (default true). */
  private boolean enabled = true;
  /** Which scanner: {@code auto} (a key selects the remote API, else the embedded engine), {@code embedded} or {@code remote}; a {@code Scanner} bean overrides it. */
  private ScannerKind scanner;
  /** LockLLM API key for the remote scanner; {@code LOCKLLM_API_KEY} when unset. */
  private String apiKey;
  /** LockLLM API base URL; {@code LOCKLLM_BASE_URL} or the public API when unset. */
  private String baseUrl;
  /** Timeout of one call to the remote API. */
  private Duration timeout;
  /** Retries of the remote client on 429, 5xx and network errors. */
  private Integer maxRetries;
  /** Bound on one call to the remote API, all attempts and retry waits included; default twice the timeout. */
  private Duration totalTimeout;
  /** Consecutive failed API calls that open the remote client's circuit breaker; 0 turns it off; default 5. */
  private Integer circuitBreakerFailures;
  /** How long an open circuit breaker fails calls at once before one trial call; default 30s. */
  private Duration circuitBreakerOpenFor;
  /** Injection sensitivity: {@code low}, {@code medium} (default) or {@code high}. */
  private Sensitivity sensitivity;
  /** {@code normal}, {@code policy_only} or {@code combined} (default). */
  private ScanMode scanMode;
  /** On an injection: {@code block} or {@code allow_with_warning} (default). */
  private ScanAction scanAction;
  /** On a custom-policy violation: {@code block} or {@code allow_with_warning} (default). */
  private ScanAction policyAction;
  /** On detected abuse: {@code block} or {@code allow_with_warning}; off when unset. */
  private ScanAction abuseAction;
  /** On personal data: {@code block}, {@code strip}, {@code mask} (numbered placeholders, restored in the answer) or {@code allow_with_warning}; off when unset. */
  private PiiAction piiAction;
  /** Prompt compression: {@code toon}, {@code compact} or {@code combined}; off when unset. */
  private CompressionMethod compression;
  /** Target compression rate, 0.3 to 0.7. */
  private Double compressionRate;
  /** Whether long prompts are scanned in overlapping windows. */
  private Boolean chunk;
  /** Model routing for proxy use; off when unset. */
  private RouteAction routeAction;
  /** Whether a request's LockLLM proxy headers ({@code X-LockLLM-Scan-Action}, {@code -Sensitivity}, {@code -PII-Action}, ...) apply to that request (default false); they only make the policy stricter unless a {@code HeaderTrust} bean trusts the client. */
  private Boolean proxyHeaders;
  /** When the scanner fails or times out: {@code closed} (default, answer 503) or {@code open} (pass, marked unscanned). */
  private FailMode failMode;
  /** How long a scan may take before {@code fail-mode} applies (default 10 s). */
  private Duration scanTimeout;
  /** Largest body scanned, in bytes or with {@code KB}/{@code MB} (default 1MB); larger bodies get 413. */
  @ReadableBytes
  private Long maxBodySize;
  /** Deepest JSON nesting accepted (default 64). */
  private Integer maxDepth;
  /** Path patterns to scan ({@code /v1/chat/completions}, {@code /api/**}); every POST, PUT and PATCH when unset. {@link LockLLMProtected} endpoints are scanned too. */
  private List<String> protectedPaths;
  /** HTTP methods scanned on those paths (default POST, PUT, PATCH). */
  private List<String> protectedMethods;
  /**
   * Detectors of the embedded engine: {@code transformer} (rules, lexical model and the fine-tuned
   * transformer; needs lockllm-engine-model on the class path), {@code lexical} or {@code rules}.
   * Default: {@code transformer} when lockllm-engine-model is on the class path, else {@code lexical}.
   */
  private EngineTier engineTier;
  /** Cosine similarity (0 to 1) at which a prompt matches a custom policy's example (embedded engine; default 0.47). */
  private Double policySimilarity;
  /**
   * Custom policies of the embedded engine, flat under {@code lockllm.policies}: {@code KEY.name}, {@code
   * KEY.description}, {@code KEY.categories.KEY.name|description|phrases|patterns|examples}, with {@code [0]},
   * {@code [1]}... for list entries and inside a keyed policy (YAML lists); see the engine README, "Custom policies".
   */
  private Map<String, String> policies;
  /**
   * Models the embedded engine routes to under {@code route-action} {@code auto} or {@code custom}, flat under {@code
   * lockllm.routing}: {@code models.low|medium|high} and {@code rules.NAME.task-type|tier|model}; see the engine
   * README, "Routing".
   */
  private Map<String, String> routing;

  public ScannerKind getScanner() {
    return scanner;
  }

  public void setScanner(ScannerKind scanner) {
    this.scanner = scanner;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public Integer getMaxRetries() {
    return maxRetries;
  }

  public void setMaxRetries(Integer maxRetries) {
    this.maxRetries = maxRetries;
  }

  public Duration getTotalTimeout() {
    return totalTimeout;
  }

  public void setTotalTimeout(Duration totalTimeout) {
    this.totalTimeout = totalTimeout;
  }

  public Integer getCircuitBreakerFailures() {
    return circuitBreakerFailures;
  }

  public void setCircuitBreakerFailures(Integer circuitBreakerFailures) {
    this.circuitBreakerFailures = circuitBreakerFailures;
  }

  public Duration getCircuitBreakerOpenFor() {
    return circuitBreakerOpenFor;
  }

  public void setCircuitBreakerOpenFor(Duration circuitBreakerOpenFor) {
    this.circuitBreakerOpenFor = circuitBreakerOpenFor;
  }

  public Sensitivity getSensitivity() {
    return sensitivity;
  }

  public void setSensitivity(Sensitivity sensitivity) {
    this.sensitivity = sensitivity;
  }

  public ScanMode getScanMode() {
    return scanMode;
  }

  public void setScanMode(ScanMode scanMode) {
    this.scanMode = scanMode;
  }

  public ScanAction getScanAction() {
    return scanAction;
  }

  public void setScanAction(ScanAction scanAction) {
    this.scanAction = scanAction;
  }

  public ScanAction getPolicyAction() {
    return policyAction;
  }

  public void setPolicyAction(ScanAction policyAction) {
    this.policyAction = policyAction;
  }

  public ScanAction getAbuseAction() {
    return abuseAction;
  }

  public void setAbuseAction(ScanAction abuseAction) {
    this.abuseAction = abuseAction;
  }

  public PiiAction getPiiAction() {
    return piiAction;
  }

  public void setPiiAction(PiiAction piiAction) {
    this.piiAction = piiAction;
  }

  public CompressionMethod getCompression() {
    return compression;
  }

  public void setCompression(CompressionMethod compression) {
    this.compression = compression;
  }

  public Double getCompressionRate() {
    return compressionRate;
  }

  public void setCompressionRate(Double compressionRate) {
    this.compressionRate = compressionRate;
  }

  public Boolean getChunk() {
    return chunk;
  }

  public void setChunk(Boolean chunk) {
    this.chunk = chunk;
  }

  public RouteAction getRouteAction() {
    return routeAction;
  }

  public void setRouteAction(RouteAction routeAction) {
    this.routeAction = routeAction;
  }

  public Boolean getProxyHeaders() {
    return proxyHeaders;
  }

  public void setProxyHeaders(Boolean proxyHeaders) {
    this.proxyHeaders = proxyHeaders;
  }

  public FailMode getFailMode() {
    return failMode;
  }

  public void setFailMode(FailMode failMode) {
    this.failMode = failMode;
  }

  public Duration getScanTimeout() {
    return scanTimeout;
  }

  public void setScanTimeout(Duration scanTimeout) {
    this.scanTimeout = scanTimeout;
  }

  public Long getMaxBodySize() {
    return maxBodySize;
  }

  public void setMaxBodySize(@ReadableBytes Long maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  public Integer getMaxDepth() {
    return maxDepth;
  }

  public void setMaxDepth(Integer maxDepth) {
    this.maxDepth = maxDepth;
  }

  public List<String> getProtectedPaths() {
    return protectedPaths;
  }

  public void setProtectedPaths(List<String> protectedPaths) {
    this.protectedPaths = protectedPaths;
  }

  public List<String> getProtectedMethods() {
    return protectedMethods;
  }

  public void setProtectedMethods(List<String> protectedMethods) {
    this.protectedMethods = protectedMethods;
  }

  public EngineTier getEngineTier() {
    return engineTier;
  }

  public void setEngineTier(EngineTier engineTier) {
    this.engineTier = engineTier;
  }

  public Double getPolicySimilarity() {
    return policySimilarity;
  }

  public void setPolicySimilarity(Double policySimilarity) {
    this.policySimilarity = policySimilarity;
  }

  public Map<String, String> getPolicies() {
    return policies;
  }

  public void setPolicies(@MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> policies) {
    this.policies = policies;
  }

  public Map<String, String> getRouting() {
    return routing;
  }

  public void setRouting(@MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> routing) {
    this.routing = routing;
  }

  /** Where the prompt is in the body. */
  private Extraction extraction = new Extraction();
  /** Behavioural abuse detection per client (rapid requests, duplicate prompts, bursts), acted on by {@code abuse-action}. */
  private Abuse abuse = new Abuse();
  /** How the client that abuse is counted for is identified. */
  private ClientKey clientKey = new ClientKey();
  /** Caching of scan results for repeated prompts. */
  private Cache cache = new Cache();
  /** The answer side: scanning of model answers, buffered or streamed (off by default in the library). */
  private Output output = new Output();
  /** A per-request canary token added to the system prompt, to catch answers that leak it. */
  private Canary canary = new Canary();
  /** One JSON line per decision on the com.lockllm.decisions logger, without prompt text. */
  private DecisionLog decisionLog = new DecisionLog();

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Extraction getExtraction() {
    return extraction;
  }

  public void setExtraction(Extraction extraction) {
    this.extraction = extraction;
  }

  public Abuse getAbuse() {
    return abuse;
  }

  public void setAbuse(Abuse abuse) {
    this.abuse = abuse;
  }

  public ClientKey getClientKey() {
    return clientKey;
  }

  public void setClientKey(ClientKey clientKey) {
    this.clientKey = clientKey;
  }

  public Cache getCache() {
    return cache;
  }

  public void setCache(Cache cache) {
    this.cache = cache;
  }

  public Output getOutput() {
    return output;
  }

  public void setOutput(Output output) {
    this.output = output;
  }

  public Canary getCanary() {
    return canary;
  }

  public void setCanary(Canary canary) {
    this.canary = canary;
  }

  public DecisionLog getDecisionLog() {
    return decisionLog;
  }

  public void setDecisionLog(DecisionLog decisionLog) {
    this.decisionLog = decisionLog;
  }

  /**
   * These properties as typed settings; the one place they are mapped onto the core, which
   * validates every value and names a bad one.
   */
  public LockLLMSettings.Builder toSettings() {
    LockLLMSettings.Builder b = LockLLMSettings.builder()
        .enabled(enabled)
        .scanner(scanner)
        .apiKey(blankToNull(apiKey))
        .baseUrl(blankToNull(baseUrl))
        .timeout(timeout)
        .maxRetries(maxRetries)
        .totalTimeout(totalTimeout)
        .circuitBreakerFailures(circuitBreakerFailures)
        .circuitBreakerOpenFor(circuitBreakerOpenFor)
        .sensitivity(sensitivity)
        .scanMode(scanMode)
        .scanAction(scanAction)
        .policyAction(policyAction)
        .abuseAction(abuseAction)
        .piiAction(piiAction)
        .compression(compression)
        .compressionRate(compressionRate)
        .chunk(chunk)
        .routeAction(routeAction)
        .proxyHeaders(Boolean.TRUE.equals(proxyHeaders))
        .failMode(failMode)
        .scanTimeout(scanTimeout)
        .abuseWindow(abuse.getWindow())
        .abuseRapidRequests(abuse.getRapidRequests())
        .abuseDuplicatePrompts(abuse.getDuplicatePrompts())
        .abuseBurstMinRequests(abuse.getBurstMinRequests())
        .abuseMaxClients(abuse.getMaxClients())
        .clientKeyHeader(blankToNull(clientKey.getHeader()))
        .cacheEnabled(Boolean.TRUE.equals(cache.getEnabled()))
        .cacheTtl(cache.getTtl())
        .engineTier(engineTier)
        .policySimilarity(policySimilarity);
    if (maxBodySize != null) {
      b.maxBodySize(maxBodySize);
    }
    if (maxDepth != null) {
      b.maxDepth(maxDepth);
    }
    if (protectedPaths != null) {
      b.protectedPaths(protectedPaths);
    }
    if (protectedMethods != null && !protectedMethods.isEmpty()) {
      b.protectedMethods(Set.copyOf(protectedMethods));
    }
    if (extraction.getFormat() != null) {
      b.extractionFormat(extraction.getFormat());
    }
    if (extraction.getPointers() != null && !extraction.getPointers().isEmpty()) {
      b.extractionPointers(extraction.getPointers());
    }
    if (extraction.getRoles() != null && !extraction.getRoles().isEmpty()) {
      b.extractionRoles(Set.copyOf(extraction.getRoles()));
    }
    if (clientKey.getTrustedProxies() != null) {
      b.trustedProxies(clientKey.getTrustedProxies());
    }
    if (cache.getMaxEntries() != null) {
      b.cacheMaxEntries(cache.getMaxEntries());
    }
    // Micronaut binds these maps flat only; the core reads that layout, as it does web.xml's.
    Map<String, String> engine = new HashMap<>();
    if (routing != null) {
      routing.forEach((key, value) -> engine.put("routing." + key, value));
    }
    if (policies != null) {
      policies.forEach((key, value) -> {
        if (!key.contains(".")) {
          throw new ConfigurationException("LockLLM option 'lockllm.policies." + key + "': give each policy a key "
              + "(lockllm.policies.<key>.name, ...); a list directly under lockllm.policies does not bind in Micronaut");
        }
        if (!aggregate(key)) {
          engine.put("policies." + key, value);
        }
      });
    }
    b.engineProperties(engine);
    output.applyTo(b);
    b.decisionLogEnabled(Boolean.TRUE.equals(decisionLog.getEnabled()));
    if (decisionLog.getSampleRate() != null) {
      b.decisionLogSampleRate(decisionLog.getSampleRate());
    }
    return b.canaryEnabled(Boolean.TRUE.equals(canary.getEnabled())).canaryWording(canary.getWording())
        .canaryPosition(canary.getPosition());
  }

  /**
   * Whether a {@code policies} key is Micronaut's own copy of a list ({@code phrases}, also bound as
   * {@code phrases[0]}, {@code phrases[1]}...), which the core must not read a second time.
   */
  private boolean aggregate(String key) {
    String indexed = key + "[";
    return policies.keySet().stream().anyMatch(k -> k.startsWith(indexed));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** {@code lockllm.abuse.*}: behavioural abuse detection per client, acted on by {@code abuse-action}. */
  @ConfigurationProperties("abuse")
  public static class Abuse {
    /** Sliding window the requests of a client are counted in, in whole seconds (default 60 s). */
    private Duration window;
    /** Requests per window above which a client sends rapid requests (default 30). */
    private Integer rapidRequests;
    /** Identical prompts per window from which a client repeats itself (default 3). */
    private Integer duplicatePrompts;
    /** Requests a window needs before a burst is judged (default 10). */
    private Integer burstMinRequests;
    /** Most clients counted at once by the in-memory counter store (default 100000); a {@code CounterStore} bean replaces it. */
    private Integer maxClients;

    public Duration getWindow() {
      return window;
    }

    public void setWindow(Duration window) {
      this.window = window;
    }

    public Integer getRapidRequests() {
      return rapidRequests;
    }

    public void setRapidRequests(Integer rapidRequests) {
      this.rapidRequests = rapidRequests;
    }

    public Integer getDuplicatePrompts() {
      return duplicatePrompts;
    }

    public void setDuplicatePrompts(Integer duplicatePrompts) {
      this.duplicatePrompts = duplicatePrompts;
    }

    public Integer getBurstMinRequests() {
      return burstMinRequests;
    }

    public void setBurstMinRequests(Integer burstMinRequests) {
      this.burstMinRequests = burstMinRequests;
    }

    public Integer getMaxClients() {
      return maxClients;
    }

    public void setMaxClients(Integer maxClients) {
      this.maxClients = maxClients;
    }
  }

  /** {@code lockllm.client-key.*}: the client abuse is counted for is the authenticated principal, then this header, then the remote address. */
  @ConfigurationProperties("client-key")
  public static class ClientKey {
    /** Request header naming the client (an API key or tenant id, stored hashed) when there is no authenticated principal. */
    private String header;
    /** Proxies (IP addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed for the client's address; none by default. */
    private List<String> trustedProxies;

    public String getHeader() {
      return header;
    }

    public void setHeader(String header) {
      this.header = header;
    }

    public List<String> getTrustedProxies() {
      return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
      this.trustedProxies = trustedProxies;
    }
  }

  /** {@code lockllm.cache.*}: caching of scan results for repeated prompts. */
  @ConfigurationProperties("cache")
  public static class Cache {
    /** Whether scan results are cached by prompt and options (default false); a {@code ScanCache} bean replaces the in-memory cache. */
    private Boolean enabled;
    /** How long a cached scan result is used (default 10 min). */
    private Duration ttl;
    /** Most scan results held by the in-memory cache (default 10000). */
    private Integer maxEntries;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getTtl() {
      return ttl;
    }

    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }

    public Integer getMaxEntries() {
      return maxEntries;
    }

    public void setMaxEntries(Integer maxEntries) {
      this.maxEntries = maxEntries;
    }
  }

  /** {@code lockllm.extraction.*}: where the prompt is in the body. */
  @ConfigurationProperties("extraction")
  public static class Extraction {
    /** The body's prompt format: {@code auto} (default), {@code openai-chat}, {@code openai-responses}, {@code openai-completions}, {@code anthropic}, {@code gemini}, {@code cohere} or {@code pointers}. */
    private PromptFormat format;
    /** JSON Pointers to the prompt fields, for {@code format=pointers}. */
    private List<String> pointers;
    /**
     * Roles whose text is scanned: {@code user}, {@code system}, {@code assistant}, {@code tool},
     * {@code tool_definition}, {@code document} (default: all of them).
     */
    private List<String> roles;

    public PromptFormat getFormat() {
      return format;
    }

    public void setFormat(PromptFormat format) {
      this.format = format;
    }

    public List<String> getPointers() {
      return pointers;
    }

    public void setPointers(List<String> pointers) {
      this.pointers = pointers;
    }

    public List<String> getRoles() {
      return roles;
    }

    public void setRoles(List<String> roles) {
      this.roles = roles;
    }
  }

  /** {@code lockllm.output.*}: what model answers are checked for and what each finding gets. */
  @ConfigurationProperties("output")
  public static class Output {
    /** Whether answers are scanned (default false in the library); off, masked personal data is still restored and a canary still checked. */
    private Boolean enabled;
    /** Personal data in answers: {@code input} (default: as the request's {@code pii-action}), {@code strip}, {@code block}, {@code warn} or {@code off}. */
    private PersonalDataRule personalData;
    /** API keys, tokens, private keys, JWTs and connection strings in answers: {@code strip} (default), {@code block}, {@code warn} or {@code off}. */
    private OutputRule secrets;
    /** Markdown images and links carrying query data to a host outside {@code allowed-hosts}: {@code strip} (default), {@code block}, {@code warn} or {@code off}. */
    private OutputRule exfiltration;
    /** Hosts exfiltration links may point to: {@code example.com}, or {@code *.example.com} for its subdomains; none by default. */
    private List<String> allowedHosts;
    /** An answer containing the request's canary token: {@code block} (default), {@code strip}, {@code warn} or {@code off}. */
    private OutputRule canaryAction;
    /** An answer repeating a long verbatim span of the system prompt: {@code warn} (default), {@code strip}, {@code block} or {@code off}. */
    private OutputRule systemPromptLeak;
    /** The shortest verbatim span of the system prompt that counts as a leak, in characters (default 60, at least 8). */
    private Integer leakMinLength;
    /**
     * Custom checks, flat under {@code lockllm.output.patterns}: {@code KEY.regex}, {@code KEY.action} ({@code strip}
     * by default, {@code block}, {@code warn}), {@code KEY.max-span} (default 256), {@code KEY.name} (default the key).
     */
    private Map<String, String> patterns;
    /**
     * Known false positives, flat under {@code lockllm.output.allowlist}: {@code KEY.sha256} (of the normalised text)
     * or {@code KEY.pattern}, {@code KEY.type} (optional), {@code KEY.owner} and {@code KEY.reason} (required).
     */
    private Map<String, String> allowlist;
    /** Run every check and report what it would do, but rewrite and block nothing (default false). */
    private Boolean shadow;
    /** Restore masked personal data into tool-call arguments too (default false: the tool receives the placeholders). */
    private Boolean restoreToolArguments;
    /** The largest buffered (not streamed) answer read, in bytes or with {@code KB}/{@code MB} (default 8MB); a larger one is unscannable. */
    @ReadableBytes
    private Long maxBufferedBytes;
    /** An answer that cannot be read (compressed, too large, not the JSON its type says): {@code block} (default) or {@code warn}. */
    private OutputAction unscannable;
    /** JSON Pointers to the answer's text; unset, the answer is located by the request's format. */
    private List<String> answerPointers;

    void applyTo(LockLLMSettings.Builder b) {
      b.outputEnabled(Boolean.TRUE.equals(enabled)).outputPersonalData(personalData).outputSecrets(secrets)
          .outputExfiltration(exfiltration).outputCanaryAction(canaryAction).outputSystemPromptLeak(systemPromptLeak)
          .outputLeakMinLength(leakMinLength).outputShadow(Boolean.TRUE.equals(shadow))
          .outputRestoreToolArguments(Boolean.TRUE.equals(restoreToolArguments)).outputMaxBufferedBytes(maxBufferedBytes)
          .outputUnscannable(unscannable);
      if (allowedHosts != null) {
        b.outputAllowedHosts(allowedHosts);
      }
      if (answerPointers != null) {
        b.outputAnswerPointers(answerPointers);
      }
      // bound flat, as policies are; the core reads that layout, as it does web.xml's
      Map<String, String> flat = new HashMap<>();
      flatten("patterns", patterns, flat);
      flatten("allowlist", allowlist, flat);
      b.outputProperties(flat);
    }

    private static void flatten(String group, Map<String, String> entries, Map<String, String> flat) {
      if (entries == null) {
        return;
      }
      entries.forEach((key, value) -> {
        if (!key.contains(".")) {
          throw new ConfigurationException("LockLLM option 'lockllm.output." + group + "." + key + "': give each entry a key "
              + "(lockllm.output." + group + ".<key>.owner, ...); a list directly under lockllm.output." + group
              + " does not bind in Micronaut");
        }
        flat.put("output." + group + "." + key, value);
      });
    }

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public PersonalDataRule getPersonalData() {
      return personalData;
    }

    public void setPersonalData(PersonalDataRule personalData) {
      this.personalData = personalData;
    }

    public OutputRule getSecrets() {
      return secrets;
    }

    public void setSecrets(OutputRule secrets) {
      this.secrets = secrets;
    }

    public OutputRule getExfiltration() {
      return exfiltration;
    }

    public void setExfiltration(OutputRule exfiltration) {
      this.exfiltration = exfiltration;
    }

    public List<String> getAllowedHosts() {
      return allowedHosts;
    }

    public void setAllowedHosts(List<String> allowedHosts) {
      this.allowedHosts = allowedHosts;
    }

    public OutputRule getCanaryAction() {
      return canaryAction;
    }

    public void setCanaryAction(OutputRule canaryAction) {
      this.canaryAction = canaryAction;
    }

    public OutputRule getSystemPromptLeak() {
      return systemPromptLeak;
    }

    public void setSystemPromptLeak(OutputRule systemPromptLeak) {
      this.systemPromptLeak = systemPromptLeak;
    }

    public Integer getLeakMinLength() {
      return leakMinLength;
    }

    public void setLeakMinLength(Integer leakMinLength) {
      this.leakMinLength = leakMinLength;
    }

    public Map<String, String> getPatterns() {
      return patterns;
    }

    public void setPatterns(@MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> patterns) {
      this.patterns = patterns;
    }

    public Map<String, String> getAllowlist() {
      return allowlist;
    }

    public void setAllowlist(@MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> allowlist) {
      this.allowlist = allowlist;
    }

    public Boolean getShadow() {
      return shadow;
    }

    public void setShadow(Boolean shadow) {
      this.shadow = shadow;
    }

    public Boolean getRestoreToolArguments() {
      return restoreToolArguments;
    }

    public void setRestoreToolArguments(Boolean restoreToolArguments) {
      this.restoreToolArguments = restoreToolArguments;
    }

    public Long getMaxBufferedBytes() {
      return maxBufferedBytes;
    }

    public void setMaxBufferedBytes(@ReadableBytes Long maxBufferedBytes) {
      this.maxBufferedBytes = maxBufferedBytes;
    }

    public OutputAction getUnscannable() {
      return unscannable;
    }

    public void setUnscannable(OutputAction unscannable) {
      this.unscannable = unscannable;
    }

    public List<String> getAnswerPointers() {
      return answerPointers;
    }

    public void setAnswerPointers(List<String> answerPointers) {
      this.answerPointers = answerPointers;
    }
  }

  /** {@code lockllm.canary.*}: a per-request canary token in the system prompt; an answer that contains it has leaked the prompt. */
  @ConfigurationProperties("canary")
  public static class Canary {
    /** Whether each request's system prompt gets a fresh canary token (default false). */
    private Boolean enabled;
    /** The sentence added, with {@code {canary}} where the token goes. */
    private String wording;
    /** {@code start}, or {@code end} (default: keeps the system prompt before it cacheable by the provider). */
    private com.lockllm.output.Canary.Position position;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public String getWording() {
      return wording;
    }

    public void setWording(String wording) {
      this.wording = wording;
    }

    public com.lockllm.output.Canary.Position getPosition() {
      return position;
    }

    public void setPosition(com.lockllm.output.Canary.Position position) {
      this.position = position;
    }
  }

  /** {@code lockllm.decision-log.*}: one JSON line per decision on the {@code com.lockllm.decisions} logger, without prompt text. */
  @ConfigurationProperties("decision-log")
  public static class DecisionLog {
    /** Whether each decision is logged (default false). */
    private Boolean enabled;
    /** The share, 0 to 1, of allowed and unscanned decisions logged (default 1); flagged ones are always logged. */
    private Double sampleRate;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public Double getSampleRate() {
      return sampleRate;
    }

    public void setSampleRate(Double sampleRate) {
      this.sampleRate = sampleRate;
    }
  }
}
