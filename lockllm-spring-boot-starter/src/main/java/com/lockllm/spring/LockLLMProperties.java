package com.lockllm.spring;

import com.lockllm.cache.CaffeineScanCache;
import com.lockllm.config.LockLLMSettings.OutputRule;
import com.lockllm.config.LockLLMSettings.PersonalDataRule;
import com.lockllm.config.LockLLMSettings.ScannerKind;
import com.lockllm.config.LockLLMSettings;
import com.lockllm.error.ConfigurationException;
import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptFormat;
import com.lockllm.intercept.FailMode;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.output.Allowlist;
import com.lockllm.output.OutputAction;
import com.lockllm.output.OutputPolicy;
import com.lockllm.output.SystemPromptLeakCheck;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.CustomPolicy;
import com.lockllm.scan.EngineTier;
import com.lockllm.scan.ModelRouting;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.RouteAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.Sensitivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code lockllm.*} properties: a holder with no logic beyond {@link #toSettings()}, which maps
 * each typed field onto the framework-neutral {@link LockLLMSettings} builder. An unset (null or
 * empty) value leaves the core's default in place.
 */
@ConfigurationProperties("lockllm")
public class LockLLMProperties {
  /** Whether LockLLM scans requests at all. */
  private boolean enabled = true;

  /** Which scanner to use: auto (an API key selects the remote API, else the embedded engine), embedded or remote. */
  private ScannerKind scanner = ScannerKind.AUTO;

  /** LockLLM API key for the remote scanner; the LOCKLLM_API_KEY environment variable is used when unset. */
  private String apiKey;

  /** LockLLM API base URL for the remote scanner; LOCKLLM_BASE_URL or the public API when unset. */
  private String baseUrl;

  /** Timeout of one attempt to call the LockLLM API (remote scanner); default 60s. */
  private Duration timeout;

  /** How many times a failed call to the LockLLM API is retried (remote scanner); default 3. */
  private Integer maxRetries;

  /** Bound on one call to the LockLLM API, all attempts and retry waits included; default twice the timeout. */
  private Duration totalTimeout;

  /** Consecutive failed API calls that open the remote scanner's circuit breaker; 0 turns it off; default 5. */
  private Integer circuitBreakerFailures;

  /** How long an open circuit breaker fails calls at once before one trial call; default 30s. */
  private Duration circuitBreakerOpenFor;

  /** Injection detection sensitivity: low, medium or high (default medium). */
  private Sensitivity sensitivity;

  /** What is checked: normal (injection only), policy_only or combined (default combined). */
  private ScanMode scanMode;

  /** What to do with a detected injection: block or allow_with_warning (default allow_with_warning). */
  private ScanAction scanAction;

  /** What to do with a custom-policy violation: block or allow_with_warning (default allow_with_warning). */
  private ScanAction policyAction;

  /** What to do with detected abuse: block or allow_with_warning; off when unset. */
  private ScanAction abuseAction;

  /**
   * What to do with personal data: strip, mask (numbered placeholders, restored in the answer), block or
   * allow_with_warning; off when unset.
   */
  private PiiAction piiAction;

  /** Prompt compression: toon, compact or combined; off when unset. */
  private CompressionMethod compression;

  /** Target compression rate, between 0.3 and 0.7. */
  private Double compressionRate;

  /** Whether long prompts are scanned in overlapping windows. */
  private Boolean chunk;

  /** Model routing: disabled, auto or custom; disabled when unset. */
  private RouteAction routeAction;

  /**
   * Whether a request's LockLLM proxy headers (X-LockLLM-Scan-Action, -Sensitivity, -PII-Action, ...)
   * apply to that request (default false). They only make the policy stricter, unless a HeaderTrust
   * bean trusts the client; ignored headers are named in X-LockLLM-Ignored-Headers.
   */
  private boolean proxyHeaders;

  /** What happens when the scanner fails: closed (reject with 503) or open (proceed, marked unscanned). */
  private FailMode failMode = FailMode.CLOSED;

  /** How long a request waits for its scan before the fail mode applies. */
  private Duration scanTimeout = LockLLMInterceptor.DEFAULT_SCAN_TIMEOUT;

  /** Largest request body read and scanned; larger bodies are rejected with 413. */
  private DataSize maxBodySize = DataSize.ofBytes(ExtractionConfig.DEFAULT_MAX_BODY_BYTES);

  /** Deepest JSON nesting accepted in a scanned body. */
  private int maxDepth = ExtractionConfig.DEFAULT_MAX_DEPTH;

  /** Ant-style path patterns scanned by the global filter, e.g. /v1/chat/completions or /v1/**; none when empty. */
  private List<String> protectedPaths = new ArrayList<>();

  /** HTTP methods scanned on the protected paths (default POST, PUT and PATCH). */
  private List<String> protectedMethods = new ArrayList<>();

  /** Where prompts are found in request bodies. */
  private final Extraction extraction = new Extraction();

  /** Behavioural abuse detection per client (rapid requests, duplicate prompts, bursts), acted on by abuse-action. */
  private final Abuse abuse = new Abuse();

  /** How the client that abuse is counted for is identified. */
  private final ClientKey clientKey = new ClientKey();

  /** Caching of scan results for repeated prompts. */
  private final Cache cache = new Cache();

  /**
   * Detectors of the embedded engine: transformer (rules, lexical model and the fine-tuned
   * transformer; needs lockllm-engine-model on the class path), lexical (rules and lexical model)
   * or rules. Default: transformer when lockllm-engine-model is on the class path, else lexical.
   */
  private EngineTier engineTier;

  /** Cosine similarity (0 to 1) at which a prompt matches a custom policy's example (embedded engine; default 0.47). */
  private Double policySimilarity;

  /**
   * Custom policies of the embedded engine, by key (a policy's name unless it sets one); see the
   * engine README, "Custom policies".
   */
  private Map<String, Policy> policies = new LinkedHashMap<>();

  /** Models the embedded engine routes to under route-action auto or custom; see the engine README, "Routing". */
  private final Routing routing = new Routing();

  /** The answer side: scanning of model answers, buffered or streamed (off by default in the library). */
  private final Output output = new Output();

  /** A per-request canary token added to the system prompt, to catch answers that leak it. */
  private final Canary canary = new Canary();

  /** One JSON line per decision on the com.lockllm.decisions logger, without prompt text. */
  private final DecisionLog decisionLog = new DecisionLog();

  /** Spring-specific behaviour. */
  private final Spring spring = new Spring();

  /**
   * Servlet filter order of the LockLLM filters (the annotation filter; the path filter runs one
   * after it). By default -90, after Spring Security's filter chain (-100), so a request Security
   * refuses is never scanned and abuse is counted under the authenticated principal.
   */
  private int filterOrder = LockLLMAutoConfiguration.DEFAULT_FILTER_ORDER;

  /** A custom policy: what it forbids and how a prompt is recognised as violating it. */
  public static class Policy {
    /** Shown in policy_violations; the map key when unset. */
    private String name;
    /** What the policy forbids. */
    private String description;
    /** The ways a prompt violates it, by key (a category's name unless it sets one). */
    private Map<String, Category> categories = new LinkedHashMap<>();

    CustomPolicy toPolicy(String key) {
      List<CustomPolicy.Category> list = new ArrayList<>(categories.size());
      categories.forEach((ckey, c) -> list.add(new CustomPolicy.Category(c.name != null ? c.name : ckey,
          c.description, c.phrases, c.patterns, c.examples)));
      return new CustomPolicy(name != null ? name : key, description, list);
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getDescription() {
      return description;
    }

    public void setDescription(String description) {
      this.description = description;
    }

    public Map<String, Category> getCategories() {
      return categories;
    }

    public void setCategories(Map<String, Category> categories) {
      this.categories = categories;
    }
  }

  /** One way a prompt violates a policy. */
  public static class Category {
    /** Shown in violated_categories; the map key when unset. */
    private String name;
    /** What the category covers. */
    private String description;
    /** Phrases matched as whole words, case- and obfuscation-insensitive. */
    private List<String> phrases = new ArrayList<>();
    /** Regular expressions. */
    private List<String> patterns = new ArrayList<>();
    /** Prompts that violate it, matched by similarity (policy-similarity). */
    private List<String> examples = new ArrayList<>();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getDescription() {
      return description;
    }

    public void setDescription(String description) {
      this.description = description;
    }

    public List<String> getPhrases() {
      return phrases;
    }

    public void setPhrases(List<String> phrases) {
      this.phrases = phrases;
    }

    public List<String> getPatterns() {
      return patterns;
    }

    public void setPatterns(List<String> patterns) {
      this.patterns = patterns;
    }

    public List<String> getExamples() {
      return examples;
    }

    public void setExamples(List<String> examples) {
      this.examples = examples;
    }
  }

  /** Model routing of the embedded engine. */
  public static class Routing {
    /** The model per complexity tier under route-action auto. */
    private final Models models = new Models();
    /** The rules of route-action custom, by name, tried in name order. */
    private Map<String, Rule> rules = new LinkedHashMap<>();

    ModelRouting toRouting() {
      List<ModelRouting.Rule> list = new ArrayList<>(rules.size());
      new TreeMap<>(rules).forEach((name, r) -> list.add(new ModelRouting.Rule(name, r.taskType, r.tier, r.model)));
      return new ModelRouting(models.low, models.medium, models.high, list);
    }

    public Models getModels() {
      return models;
    }

    public Map<String, Rule> getRules() {
      return rules;
    }

    public void setRules(Map<String, Rule> rules) {
      this.rules = rules;
    }
  }

  /** A model per complexity tier. */
  public static class Models {
    /** The model for simple prompts. */
    private String low;
    /** The model for medium prompts. */
    private String medium;
    /** The model for complex prompts. */
    private String high;

    public String getLow() {
      return low;
    }

    public void setLow(String low) {
      this.low = low;
    }

    public String getMedium() {
      return medium;
    }

    public void setMedium(String medium) {
      this.medium = medium;
    }

    public String getHigh() {
      return high;
    }

    public void setHigh(String high) {
      this.high = high;
    }
  }

  /** A rule of custom routing. */
  public static class Rule {
    /** The task type it applies to (e.g. Code Generation); any when unset. */
    private String taskType;
    /** low, medium, high or *; any when unset. */
    private String tier;
    /** The model it selects. */
    private String model;

    public String getTaskType() {
      return taskType;
    }

    public void setTaskType(String taskType) {
      this.taskType = taskType;
    }

    public String getTier() {
      return tier;
    }

    public void setTier(String tier) {
      this.tier = tier;
    }

    public String getModel() {
      return model;
    }

    public void setModel(String model) {
      this.model = model;
    }
  }

  /** Where prompts are found in request bodies. */
  public static class Extraction {
    /** Body format: auto, openai-chat, openai-responses, openai-completions, anthropic, gemini, cohere or pointers (default auto). */
    private PromptFormat format;

    /** JSON Pointers to the prompt fields, such as /prompt, for the pointers format. */
    private List<String> pointers = new ArrayList<>();

    /**
     * Roles whose text is scanned: {@code user}, {@code system}, {@code assistant}, {@code tool},
     * {@code tool_definition}, {@code document} (default: all of them).
     */
    private List<String> roles = new ArrayList<>();

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

  /** Behavioural abuse detection per client (rapid requests, duplicate prompts, bursts), acted on by abuse-action. */
  public static class Abuse {
    /** Sliding window the requests of a client are counted in, in whole seconds (default 60s). */
    private Duration window;

    /** Requests per window above which a client sends rapid requests (default 30). */
    private Integer rapidRequests;

    /** Identical prompts per window from which a client repeats itself (default 3). */
    private Integer duplicatePrompts;

    /** Requests a window needs before a burst is judged (default 10). */
    private Integer burstMinRequests;

    /** Most clients counted at once by the in-memory counter store (default 100000); a CounterStore bean replaces it. */
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

  /** How the client that abuse is counted for is identified: the authenticated principal, then this header, then the remote address. */
  public static class ClientKey {
    /** Request header naming the client (an API key or tenant id, stored hashed) when there is no authenticated principal. */
    private String header;

    /** Proxies (IP addresses or CIDR ranges) whose X-Forwarded-For is believed for the client's address; none by default. */
    private List<String> trustedProxies = new ArrayList<>();

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

  /** Caching of scan results for repeated prompts. */
  public static class Cache {
    /** Whether scan results are cached by prompt and options (a ScanCache bean replaces the in-memory cache). */
    private boolean enabled = false;

    /** How long a cached scan result is used (default 10m). */
    private Duration ttl = CaffeineScanCache.DEFAULT_TTL;

    /** Most scan results held by the in-memory cache (default 10000). */
    private int maxEntries = CaffeineScanCache.DEFAULT_MAX_ENTRIES;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getTtl() {
      return ttl;
    }

    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }

    public int getMaxEntries() {
      return maxEntries;
    }

    public void setMaxEntries(int maxEntries) {
      this.maxEntries = maxEntries;
    }
  }

  /** The answer side: what model answers are checked for and what each finding gets. */
  public static class Output {
    /**
     * Whether answers are scanned (default false in the library). Off, masked personal data is still
     * restored and a canary still checked, under the options below.
     */
    private boolean enabled = false;

    /**
     * Personal data in answers: input (as the request's pii-action: strip and mask strip, block blocks,
     * allow_with_warning warns, none checks none), strip, block, warn or off.
     */
    private PersonalDataRule personalData = PersonalDataRule.INPUT;

    /** API keys, tokens, private keys, JWTs and connection strings in answers: strip, block, warn or off. */
    private OutputRule secrets = OutputRule.STRIP;

    /** Markdown images and links whose URL carries query data to a host outside allowed-hosts: strip, block, warn or off. */
    private OutputRule exfiltration = OutputRule.STRIP;

    /** Hosts exfiltration links may point to: example.com, or *.example.com for its subdomains; none by default. */
    private List<String> allowedHosts = new ArrayList<>();

    /** An answer containing the request's canary token: strip, block, warn or off. */
    private OutputRule canaryAction = OutputRule.BLOCK;

    /** An answer repeating a long verbatim span of the request's system prompt: strip, block, warn or off. */
    private OutputRule systemPromptLeak = OutputRule.WARN;

    /** The shortest verbatim span of the system prompt that counts as a leak, in characters (at least 8). */
    private int leakMinLength = SystemPromptLeakCheck.DEFAULT_MIN_LENGTH;

    /** Custom checks by key (a pattern's name unless it sets one): regex, action and max-span; kept in name order. */
    private Map<String, OutputPattern> patterns = new LinkedHashMap<>();

    /** Known false positives by key: sha256 (of the normalised text) or pattern, optional type, owner and reason. */
    private Map<String, AllowlistEntry> allowlist = new LinkedHashMap<>();

    /** Run every check and report what it would do (headers, metrics, a decision log line), but rewrite and block nothing. */
    private boolean shadow = false;

    /** Restore masked personal data into tool-call arguments too (off: the tool receives the placeholders). */
    private boolean restoreToolArguments = false;

    /** The largest buffered (not streamed) answer read; a larger one is unscannable. */
    private DataSize maxBufferedBytes = DataSize.ofBytes(OutputPolicy.DEFAULT_MAX_BUFFERED_BYTES);

    /** An answer that cannot be read (compressed, over max-buffered-bytes, not the JSON its type says): block or warn. */
    private OutputAction unscannable = OutputAction.BLOCK;

    /** JSON Pointers to the answer's text; empty, the answer is located by the request's format. */
    private List<String> answerPointers = new ArrayList<>();

    void applyTo(LockLLMSettings.Builder b) {
      b.outputEnabled(enabled).outputPersonalData(personalData).outputSecrets(secrets).outputExfiltration(exfiltration)
          .outputAllowedHosts(allowedHosts).outputCanaryAction(canaryAction).outputSystemPromptLeak(systemPromptLeak)
          .outputLeakMinLength(leakMinLength).outputShadow(shadow).outputRestoreToolArguments(restoreToolArguments)
          .outputUnscannable(unscannable).outputAnswerPointers(answerPointers);
      if (maxBufferedBytes != null) {
        b.outputMaxBufferedBytes(maxBufferedBytes.toBytes());
      }
      List<OutputPolicy.CustomPattern> custom = new ArrayList<>(patterns.size());
      patterns.forEach((key, p) -> custom.add(entry("patterns", key, () -> p.toPattern(key))));
      b.outputPatterns(custom);
      List<Allowlist.Entry> entries = new ArrayList<>(allowlist.size());
      allowlist.forEach((key, e) -> entries.add(entry("allowlist", key, e::toEntry)));
      b.outputAllowlist(entries);
    }

    private static <T> T entry(String group, String key, Supplier<T> build) {
      try {
        return build.get();
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new ConfigurationException("Invalid value for LockLLM option 'output." + group + "." + key + "': "
            + e.getMessage(), e);
      }
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
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

    public int getLeakMinLength() {
      return leakMinLength;
    }

    public void setLeakMinLength(int leakMinLength) {
      this.leakMinLength = leakMinLength;
    }

    public Map<String, OutputPattern> getPatterns() {
      return patterns;
    }

    public void setPatterns(Map<String, OutputPattern> patterns) {
      this.patterns = patterns;
    }

    public Map<String, AllowlistEntry> getAllowlist() {
      return allowlist;
    }

    public void setAllowlist(Map<String, AllowlistEntry> allowlist) {
      this.allowlist = allowlist;
    }

    public boolean isShadow() {
      return shadow;
    }

    public void setShadow(boolean shadow) {
      this.shadow = shadow;
    }

    public boolean isRestoreToolArguments() {
      return restoreToolArguments;
    }

    public void setRestoreToolArguments(boolean restoreToolArguments) {
      this.restoreToolArguments = restoreToolArguments;
    }

    public DataSize getMaxBufferedBytes() {
      return maxBufferedBytes;
    }

    public void setMaxBufferedBytes(DataSize maxBufferedBytes) {
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

  /** A custom answer check: text matching the regex is a finding of type custom:NAME. */
  public static class OutputPattern {
    /** Shown in findings as custom:NAME (letters, digits, '_', '.' or '-'); the map key when unset. */
    private String name;
    /** The regular expression. */
    private String regex;
    /** What a match gets: strip, block or warn. */
    private OutputAction action = OutputAction.STRIP;
    /** The longest text a match spans, in characters (how much of a stream it may hold back), 1 to 10000. */
    private int maxSpan = OutputPolicy.DEFAULT_PATTERN_MAX_SPAN;

    OutputPolicy.CustomPattern toPattern(String key) {
      if (regex == null || regex.isEmpty()) {
        throw new IllegalArgumentException("no regex");
      }
      return new OutputPolicy.CustomPattern(name != null ? name : key, Pattern.compile(regex), action, maxSpan);
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getRegex() {
      return regex;
    }

    public void setRegex(String regex) {
      this.regex = regex;
    }

    public OutputAction getAction() {
      return action;
    }

    public void setAction(OutputAction action) {
      this.action = action;
    }

    public int getMaxSpan() {
      return maxSpan;
    }

    public void setMaxSpan(int maxSpan) {
      this.maxSpan = maxSpan;
    }
  }

  /** A known false positive of the answer checks, passed with the scan still recorded. */
  public static class AllowlistEntry {
    /** The SHA-256 (64 hex digits) of the text's normalised form (NFKC, lower case, white space collapsed); or pattern. */
    private String sha256;
    /** A regular expression the whole matched text must match; or sha256. */
    private String pattern;
    /** The finding type it applies to (EMAIL, or pii:EMAIL); any when unset. */
    private String type;
    /** Who answers for the entry (required). */
    private String owner;
    /** Why the text is not a finding (required). */
    private String reason;

    Allowlist.Entry toEntry() {
      return new Allowlist.Entry(blankToNull(sha256), pattern == null || pattern.isEmpty() ? null : Pattern.compile(pattern),
          type, owner, reason);
    }

    public String getSha256() {
      return sha256;
    }

    public void setSha256(String sha256) {
      this.sha256 = sha256;
    }

    public String getPattern() {
      return pattern;
    }

    public void setPattern(String pattern) {
      this.pattern = pattern;
    }

    public String getType() {
      return type;
    }

    public void setType(String type) {
      this.type = type;
    }

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
    }

    public String getReason() {
      return reason;
    }

    public void setReason(String reason) {
      this.reason = reason;
    }
  }

  /** A per-request canary token added to the system prompt; an answer that contains it has leaked the prompt. */
  public static class Canary {
    /** Whether each request's system prompt gets a fresh canary token. */
    private boolean enabled = false;

    /** The sentence added, with {canary} where the token goes. */
    private String wording = com.lockllm.output.Canary.DEFAULT_WORDING;

    /** Where in the system prompt: start, or end (keeps the system prompt before it cacheable by the provider). */
    private com.lockllm.output.Canary.Position position = com.lockllm.output.Canary.Position.END;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
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

  /** One JSON line per decision on the {@code com.lockllm.decisions} logger, without prompt text. */
  public static class DecisionLog {
    /** Whether each decision is logged. */
    private boolean enabled = false;

    /** The share, 0 to 1, of allowed and unscanned decisions logged; flagged ones are always logged. */
    private double sampleRate = 1.0;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public double getSampleRate() {
      return sampleRate;
    }

    public void setSampleRate(double sampleRate) {
      this.sampleRate = sampleRate;
    }
  }

  /** Spring-specific behaviour. */
  public static class Spring {
    /**
     * Whether a rejection is handed to Spring MVC's exception handling (@ControllerAdvice and
     * @ExceptionHandler for LockLLMException) before the LockLLM error JSON is written.
     */
    private boolean exceptions = false;

    /**
     * Whether what the embedded Tomcat refuses before any filter runs (an encoded slash or NUL in
     * the path, a malformed request line, Transfer-Encoding: gzip, chunked) is answered with the
     * LockLLM error JSON instead of Tomcat's HTML error page.
     */
    private boolean containerErrors = true;

    public boolean isExceptions() {
      return exceptions;
    }

    public void setExceptions(boolean exceptions) {
      this.exceptions = exceptions;
    }

    public boolean isContainerErrors() {
      return containerErrors;
    }

    public void setContainerErrors(boolean containerErrors) {
      this.containerErrors = containerErrors;
    }
  }

  /**
   * These properties as typed settings, for the customizers and then {@code build()}; the one place
   * they are mapped. Unset (null or blank) values leave the core's defaults.
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
        .proxyHeaders(proxyHeaders)
        .failMode(failMode)
        .scanTimeout(scanTimeout)
        .maxDepth(maxDepth)
        .protectedPaths(protectedPaths)
        .abuseWindow(abuse.window)
        .abuseRapidRequests(abuse.rapidRequests)
        .abuseDuplicatePrompts(abuse.duplicatePrompts)
        .abuseBurstMinRequests(abuse.burstMinRequests)
        .abuseMaxClients(abuse.maxClients)
        .clientKeyHeader(blankToNull(clientKey.header))
        .trustedProxies(clientKey.trustedProxies)
        .cacheEnabled(cache.enabled)
        .cacheTtl(cache.ttl)
        .cacheMaxEntries(cache.maxEntries)
        .engineTier(engineTier)
        .policySimilarity(policySimilarity);
    if (maxBodySize != null) {
      b.maxBodySize(maxBodySize.toBytes());
    }
    if (extraction.format != null) {
      b.extractionFormat(extraction.format);
    }
    if (!extraction.pointers.isEmpty()) {
      b.extractionPointers(extraction.pointers);
    }
    if (!extraction.roles.isEmpty()) {
      b.extractionRoles(Set.copyOf(extraction.roles));
    }
    if (!protectedMethods.isEmpty()) {
      b.protectedMethods(Set.copyOf(protectedMethods));
    }
    if (!policies.isEmpty()) {
      List<CustomPolicy> list = new ArrayList<>(policies.size());
      policies.forEach((key, policy) -> list.add(policy.toPolicy(key)));
      b.policies(list);
    }
    b.routing(routing.toRouting());
    output.applyTo(b);
    b.canaryEnabled(canary.enabled).canaryWording(canary.wording).canaryPosition(canary.position);
    b.decisionLogEnabled(decisionLog.enabled).decisionLogSampleRate(decisionLog.sampleRate);
    return b;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

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

  public boolean isProxyHeaders() {
    return proxyHeaders;
  }

  public void setProxyHeaders(boolean proxyHeaders) {
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

  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  public int getMaxDepth() {
    return maxDepth;
  }

  public void setMaxDepth(int maxDepth) {
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

  public Extraction getExtraction() {
    return extraction;
  }

  public Abuse getAbuse() {
    return abuse;
  }

  public ClientKey getClientKey() {
    return clientKey;
  }

  public Cache getCache() {
    return cache;
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

  public Map<String, Policy> getPolicies() {
    return policies;
  }

  public void setPolicies(Map<String, Policy> policies) {
    this.policies = policies;
  }

  public Routing getRouting() {
    return routing;
  }

  public Output getOutput() {
    return output;
  }

  public Canary getCanary() {
    return canary;
  }

  public DecisionLog getDecisionLog() {
    return decisionLog;
  }

  public Spring getSpring() {
    return spring;
  }

  public int getFilterOrder() {
    return filterOrder;
  }

  public void setFilterOrder(int filterOrder) {
    this.filterOrder = filterOrder;
  }
}
