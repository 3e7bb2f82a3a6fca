package com.lockllm.intercept;

import com.lockllm.abuse.RequestPatterns;
import com.lockllm.decision.DecisionListener;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.extract.ExtractedPrompt;
import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptExtractor;
import com.lockllm.extract.PromptFormat;
import com.lockllm.output.AnswerContext;
import com.lockllm.output.AnswerFormat;
import com.lockllm.output.Canary;
import com.lockllm.output.OutputPolicy;
import com.lockllm.output.PersonalDataCheckProvider;
import com.lockllm.proxy.ProxyOptions;
import com.lockllm.proxy.ProxyResponseHeaders;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The request path shared by every adapter: match the route, read the body under its bound, extract
 * the prompt, scan it, and decide. Thread-safe and immutable; build one and share it.
 *
 * <p>The decision, in order: an injection under {@code scan_action=block}, a policy violation
 * under {@code policy_action=block}, abuse under {@code abuse_action=block} and personal data under
 * {@code pii_action=block} each reject with their typed error; personal data under {@code strip}
 * proceeds with the body rewritten inside the prompt fields only, under {@code mask} likewise but
 * with numbered placeholders that {@link InterceptDecision.Proceed#answer()} maps back to the data
 * for the answer side to restore, and so does a compression the scanner applied ({@code
 * compression_result} with per-segment texts); a model the scanner's routing selected replaces the
 * body's top-level {@code model} ({@code X-LockLLM-Original-Model} names the one asked for);
 * everything else proceeds with the {@link ScanResponse} and {@code X-LockLLM-*} headers. With a
 * {@link Builder#canary canary}, a request that proceeds also gets a fresh canary token in its
 * system prompt. When the scanner fails or times out, {@link FailMode} decides, and so it does for
 * a body with content the model reads that cannot be scanned ({@link ExtractedPrompt#unscannable()}:
 * token ids, a PDF, a document by URL): closed refuses it (422 {@code unscannable_content}), open
 * scans the rest and names those fields in {@code X-LockLLM-Unscanned} ({@code X-LockLLM-Scanned:
 * false} when nothing else was scanned).
 *
 * <p>With {@link Builder#requestPatterns RequestPatterns} and an abuse action, each scanned request
 * also counts towards its client's behaviour (client from the {@link ClientKeyResolver}); the
 * behavioural warning is merged into the scanner's {@code abuse_warnings}. A counter store that
 * fails or times out follows the {@link FailMode} too: closed rejects, open goes on with the scan.
 *
 * <p>The path in parts: {@link #endpoint} resolves the route once; {@link BodyGate} reads the body
 * under its bound; the endpoint extracts the prompt and lays the client's headers over the route's
 * options; {@link ScanStage} scans (one path for the blocking and the asynchronous entry point);
 * {@link Judge} decides and rewrites the body.
 */
public final class LockLLMInterceptor {
  /** Default time {@link #intercept} and {@link #interceptAsync} wait for a scan. */
  public static final Duration DEFAULT_SCAN_TIMEOUT = Duration.ofSeconds(10);
  /** How much of an oversized body is read and discarded before answering 413 (1 MiB). */
  public static final long DRAIN_LIMIT_BYTES = 1 << 20;

  /**
   * Headers with which a client asks the application to treat a request as another method: a
   * request whose own method or any method these name is one of its route's methods must carry a
   * prompt, so a {@code GET} that an application treats as a {@code POST} is held to the same rule.
   */
  public static final List<String> METHOD_OVERRIDE_HEADERS =
      List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  private static final String ANTHROPIC_VERSION_HEADER = "anthropic-version";
  private static final InterceptDecision NOT_PROTECTED = new InterceptDecision.Proceed(null, false, null, Map.of());

  private final Scanner scanner;
  private final ScanOptions options;
  private final ExtractionConfig extraction;
  private final FailMode failMode;
  private final Duration scanTimeout;
  private final RequestPatterns requestPatterns;
  private final ClientKeyResolver clientKeyResolver;
  private final boolean proxyHeaders;
  private final HeaderTrust headerTrust;
  private final Canary canary;
  private final OutputPolicy output;
  private final List<DecisionListener> listeners;
  private final DecisionRecorder recorder;
  private final ScanStage scanStage;
  private final List<Endpoint> endpoints;

  private LockLLMInterceptor(Builder b) {
    this.scanner = Objects.requireNonNull(b.scanner, "scanner");
    this.failMode = b.failMode;
    this.scanTimeout = b.scanTimeout;
    this.options = b.options;
    this.extraction = b.extraction;
    this.requestPatterns = b.requestPatterns;
    this.clientKeyResolver = b.clientKeyResolver;
    this.proxyHeaders = b.proxyHeaders;
    this.headerTrust = b.headerTrust;
    this.canary = b.canary;
    this.output = b.output;
    this.listeners = List.copyOf(b.listeners);
    this.recorder = new DecisionRecorder(listeners, clientKeyResolver);
    this.scanStage = new ScanStage(scanner, requestPatterns, scanTimeout, new Judge(failMode, canary));
    List<ProtectedRoute> routes = b.routes.isEmpty() ? List.of(ProtectedRoute.everything()) : b.routes;
    List<Endpoint> built = new ArrayList<>(routes.size());
    for (ProtectedRoute route : routes) {
      built.add(new Endpoint(route));
    }
    this.endpoints = List.copyOf(built);
  }

  public static Builder builder(Scanner scanner) {
    return new Builder(scanner);
  }

  public Scanner scanner() {
    return scanner;
  }

  public FailMode failMode() {
    return failMode;
  }

  /** The scan options every route starts from (a route's own options override them). */
  public ScanOptions options() {
    return options;
  }

  /** How answers are checked on routes that set no policy of their own. */
  public OutputPolicy output() {
    return output;
  }

  /** The extraction used by routes that set none of their own. */
  public ExtractionConfig extraction() {
    return extraction;
  }

  /**
   * An interceptor for one endpoint the framework has already matched (an annotated controller
   * method, say): it protects every request it is given, with this interceptor's options overridden
   * by {@code overrides} and {@code extraction} (when not null) in place of the configured one; same
   * scanner, fail mode, scan timeout, canary, answer-side policy and decision listeners. Build it
   * once per endpoint, not per request.
   */
  public LockLLMInterceptor forEndpoint(ScanOptions overrides, ExtractionConfig extraction) {
    return builder(scanner)
        .options(options.overriddenBy(Objects.requireNonNull(overrides, "overrides")))
        .extraction(extraction == null ? this.extraction : extraction)
        .failMode(failMode)
        .scanTimeout(scanTimeout)
        .requestPatterns(requestPatterns)
        .clientKeyResolver(clientKeyResolver)
        .proxyHeaders(proxyHeaders)
        .headerTrust(headerTrust)
        .canary(canary)
        .output(output)
        .listeners(listeners)
        .build();
  }

  /**
   * The protected endpoint requests to {@code path} belong to (the first route that matches), or
   * {@code null} when they are not protected. Adapters resolve it once per request, let the request
   * pass when there is none (so other paths cost nothing), and hand it the request otherwise.
   */
  public Endpoint endpoint(String path) {
    for (Endpoint endpoint : endpoints) {
      if (endpoint.route.matches(path)) {
        return endpoint;
      }
    }
    return null;
  }

  /**
   * Decides on {@code request} on the calling thread, which waits for the scan at most the scan
   * timeout; after it {@link FailMode} applies. A request to an unprotected path proceeds untouched.
   */
  public InterceptDecision intercept(InboundRequest request) {
    Endpoint endpoint = endpoint(request.path());
    return endpoint == null ? NOT_PROTECTED : endpoint.intercept(request);
  }

  /**
   * Decides on {@code request} without blocking on the scan. A body given as a stream is read on the
   * calling thread; event-loop adapters pass the body as bytes. The scan is bounded by the scan
   * timeout, after which {@link FailMode} applies.
   */
  public CompletionStage<InterceptDecision> interceptAsync(InboundRequest request) {
    Endpoint endpoint = endpoint(request.path());
    return endpoint == null ? CompletableFuture.completedFuture(NOT_PROTECTED) : endpoint.interceptAsync(request);
  }

  /**
   * One protected route, resolved: its options and extractor are fixed when the interceptor is
   * built, so a request does no setup work, and a request handed to it is not matched again.
   * Every request with a body is scanned whatever its method, since a proxy or handler may forward
   * the body of a {@code GET} as readily as that of a {@code POST}; the route's methods must carry
   * a prompt.
   */
  public final class Endpoint {
    private final ProtectedRoute route;
    private final String routeName;
    private final ScanOptions options;
    private final PromptExtractor extractor;
    /** the route's answer-side policy resolved for each PII action a request may carry (key null: none) */
    private final Map<PiiAction, OutputPolicy> outputByPii = new EnumMap<>(PiiAction.class);
    private final OutputPolicy outputWithoutPii;
    private final AnswerFormat pointerFormat;

    private Endpoint(ProtectedRoute route) {
      this.route = route;
      this.routeName = String.join(",", route.patterns());
      this.options = LockLLMInterceptor.this.options.overriddenBy(route.options()).resolved();
      this.extractor = PromptExtractor.create(route.extraction() == null ? extraction : route.extraction());
      OutputPolicy policy = route.output() == null ? output : route.output();
      for (PiiAction pii : PiiAction.values()) {
        outputByPii.put(pii, policy.resolvedFor(pii));
      }
      this.outputWithoutPii = policy.resolvedFor(null);
      this.pointerFormat = policy.answerPointers().isEmpty() ? null : AnswerFormat.pointers(policy.answerPointers());
      OutputPolicy mine = outputFor(options.piiAction());
      if (mine.enabled() && mine.personalData() != null) {
        // fails at start-up, not on the first answer, when the engine is not on the class path
        PersonalDataCheckProvider.load();
      }
    }

    private OutputPolicy outputFor(PiiAction pii) {
      return pii == null ? outputWithoutPii : outputByPii.get(pii);
    }

    private AnswerFormat answerFormat(PromptFormat format) {
      return pointerFormat != null ? pointerFormat : AnswerFormat.of(format);
    }

    /** What the answer side needs of a request that proceeds unscanned: the route's policy, nothing masked. */
    private AnswerContext unscannedAnswer(PromptFormat format) {
      OutputPolicy policy = outputFor(options.piiAction());
      return policy.enabled() ? new AnswerContext(Map.of(), null, List.of(), policy, answerFormat(format)) : AnswerContext.none();
    }

    /** The route this endpoint protects. */
    public ProtectedRoute route() {
      return route;
    }

    /** As {@link LockLLMInterceptor#intercept}, for a request on this endpoint. */
    public InterceptDecision intercept(InboundRequest request) {
      long start = recorder.start();
      Admission admission = admit(request);
      InterceptDecision decision =
          admission.decided != null ? admission.decided : scanStage.decideBlocking(admission.prepared);
      recorded(request, admission, decision, start);
      return decision;
    }

    /** As {@link LockLLMInterceptor#interceptAsync}, for a request on this endpoint. */
    public CompletionStage<InterceptDecision> interceptAsync(InboundRequest request) {
      long start = recorder.start();
      Admission admission = admit(request);
      if (admission.decided != null) {
        recorded(request, admission, admission.decided, start);
        return CompletableFuture.completedFuture(admission.decided);
      }
      CompletableFuture<InterceptDecision> decision = scanStage.decide(admission.prepared);
      return recorder.active() ? decision.thenApply(d -> recorded(request, admission, d, start)) : decision;
    }

    /** {@code decision}, after telling the decision listeners of it (not of an unprotected request). */
    private InterceptDecision recorded(InboundRequest request, Admission admission, InterceptDecision decision,
        long start) {
      if (decision != NOT_PROTECTED) {
        recorder.record(routeName, request, admission.prepared, decision, start, admission.bodyRead);
      }
      return decision;
    }

    /** The request read and extracted, or decided already (nothing to scan, or refused unscanned). */
    private Admission admit(InboundRequest request) {
      long reading = recorder.start();
      long bodyRead = 0;
      try {
        boolean required = BodyGate.requiresPrompt(route, request);
        byte[] body = BodyGate.read(request, extractor.config().maxBodyBytes(), required);
        bodyRead = recorder.active() ? System.nanoTime() - reading : 0;
        if (body == null) {
          return Admission.decided(bodyRead, NOT_PROTECTED);
        }
        if (!required && body.length == 0) {
          return Admission.decided(bodyRead, new InterceptDecision.Proceed(body, false, null, Map.of(), null,
              unscannedAnswer(extractor.config().format())));
        }
        ExtractedPrompt prompt = extractor.extract(body);
        List<String> unscanned = unscanned(prompt);
        if (prompt.segments().isEmpty()) {
          return Admission.decided(bodyRead, new InterceptDecision.Proceed(body, false, null, unscanned == null
              ? ProxyResponseHeaders.unscannedHeaders()
              : ProxyResponseHeaders.withUnscanned(ProxyResponseHeaders.unscannedHeaders(), unscanned), null,
              unscannedAnswer(format(prompt, request))));
        }
        RequestedOptions requested = requestedOptions(request);
        ScanOptions scanOptions = requested.options();
        PromptFormat format = format(prompt, request);
        return new Admission(bodyRead, new Prepared(scanOptions, requested.ignored(), body,
            ScanRequest.of(prompt.segments(), forScanner(scanOptions)), clientKey(scanOptions, request), unscanned,
            format, outputFor(scanOptions.piiAction()), answerFormat(format)), null);
      } catch (LockLLMException e) {
        // a body refused while reading (too large, too slow) took its reading time up to the refusal
        long read = bodyRead == 0 && recorder.active() ? System.nanoTime() - reading : bodyRead;
        return Admission.decided(read, Judge.reject(e, false, List.of(), null));
      }
    }

    /** The route's options under the client's {@code X-LockLLM-*} headers, when they are honoured at all. */
    private RequestedOptions requestedOptions(InboundRequest request) {
      if (!proxyHeaders) {
        return new RequestedOptions(options, List.of());
      }
      ScanOptions asked = ProxyOptions.fromHeaders(request::header).scan();
      if (asked.equals(ScanOptions.empty())) {
        return new RequestedOptions(options, List.of());
      }
      return RequestedOptions.of(options, asked, headerTrust.trusted(request));
    }

    /**
     * The fields the model reads that could not be scanned ({@code "<pointer> <reason>"}), or
     * {@code null} when there are none. Under fail-mode closed such a body is refused (422
     * {@code unscannable_content}): forwarding it would forward text nobody scanned. Under open it
     * proceeds, and {@code X-LockLLM-Unscanned} names them.
     */
    private List<String> unscanned(ExtractedPrompt prompt) {
      if (prompt.fullyScanned()) {
        return null;
      }
      List<String> fields = new ArrayList<>(prompt.unscannable().size());
      for (ExtractedPrompt.Unscannable u : prompt.unscannable()) {
        fields.add(u.jsonPointer() + " " + u.reason());
      }
      if (failMode == FailMode.CLOSED) {
        throw InvalidRequestErrors.unscannableContent(ProxyResponseHeaders.unscannedFields(fields));
      }
      return fields;
    }

    /**
     * The format the body was read as. Detected, a {@code messages} body without a {@code system}
     * field reads as OpenAI chat; the {@code anthropic-version} header every Anthropic client sends
     * tells it is Anthropic's, whose system prompt is a top-level field rather than a message.
     */
    private PromptFormat format(ExtractedPrompt prompt, InboundRequest request) {
      if (extractor.config().format() == PromptFormat.AUTO && prompt.format() == PromptFormat.OPENAI_CHAT
          && request.header(ANTHROPIC_VERSION_HEADER) != null) {
        return PromptFormat.ANTHROPIC;
      }
      return prompt.format();
    }

    /** The key behaviour is counted under, or {@code null} when behaviour is not observed for this request. */
    private String clientKey(ScanOptions scanOptions, InboundRequest request) {
      if (requestPatterns == null || scanOptions.abuseAction() == null) {
        return null;
      }
      return request.clientKey() != null ? request.clientKey() : clientKeyResolver.resolve(request);
    }
  }

  /** The options as a scanner is asked: PII {@code mask} is the interceptor's work on a {@code strip} scan. */
  private static ScanOptions forScanner(ScanOptions options) {
    PiiAction pii = options.piiAction();
    return pii == null || pii.forScanner() == pii ? options : ScanOptions.from(options).piiAction(pii.forScanner()).build();
  }

  /** A request ready to scan, or its decision when none is needed. */
  private record Admission(long bodyRead, Prepared prepared, InterceptDecision decided) {
    static Admission decided(long bodyRead, InterceptDecision decision) {
      return new Admission(bodyRead, null, decision);
    }
  }

  /** Builds a {@link LockLLMInterceptor}. */
  public static final class Builder {
    private final Scanner scanner;
    private ScanOptions options = ScanOptions.empty();
    private ExtractionConfig extraction = ExtractionConfig.defaults();
    private final List<ProtectedRoute> routes = new ArrayList<>();
    private FailMode failMode = FailMode.CLOSED;
    private Duration scanTimeout = DEFAULT_SCAN_TIMEOUT;
    private RequestPatterns requestPatterns;
    private ClientKeyResolver clientKeyResolver = ClientKeyResolver.defaults();
    private boolean proxyHeaders;
    private HeaderTrust headerTrust = HeaderTrust.NONE;
    private Canary canary = Canary.disabled();
    private OutputPolicy output = OutputPolicy.disabled();
    private final List<DecisionListener> listeners = new ArrayList<>();

    Builder(Scanner scanner) {
      this.scanner = Objects.requireNonNull(scanner, "scanner");
    }

    /** Global scan options; routes lay their own over these, and both over the service defaults. */
    public Builder options(ScanOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Global extraction config, for routes that have none of their own. */
    public Builder extraction(ExtractionConfig extraction) {
      this.extraction = Objects.requireNonNull(extraction, "extraction");
      return this;
    }

    /**
     * Adds a protected route; the first route that matches a request wins. With no routes, every
     * POST, PUT and PATCH is scanned.
     */
    public Builder route(ProtectedRoute route) {
      routes.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    public Builder failMode(FailMode failMode) {
      this.failMode = Objects.requireNonNull(failMode, "failMode");
      return this;
    }

    /**
     * How long {@link #intercept} and {@link #interceptAsync} wait for the scanner before {@link
     * FailMode} applies: closed answers 503 {@code scanner_unavailable}, open lets the request go on
     * unscanned ({@code X-LockLLM-Scanned: false}).
     */
    public Builder scanTimeout(Duration scanTimeout) {
      if (scanTimeout == null || scanTimeout.isZero() || scanTimeout.isNegative()) {
        throw new IllegalArgumentException("scanTimeout must be positive, got " + scanTimeout);
      }
      this.scanTimeout = scanTimeout;
      return this;
    }

    /**
     * Behavioural abuse detection per client, for routes whose options set an abuse action; none by
     * default ({@code null} turns it off).
     */
    public Builder requestPatterns(RequestPatterns requestPatterns) {
      this.requestPatterns = requestPatterns;
      return this;
    }

    /** Who a request comes from, for {@link #requestPatterns}; by default {@link ClientKeyResolver#defaults()}. */
    public Builder clientKeyResolver(ClientKeyResolver resolver) {
      this.clientKeyResolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Whether a request's LockLLM proxy headers ({@code X-LockLLM-Scan-Action}, {@code
     * -Sensitivity}, {@code -PII-Action}, ...) apply to that request, as they do on the LockLLM
     * proxy; off by default. They can only make the policy stricter (block over warn, a higher
     * sensitivity, strip over warn, more scan modes) unless {@link #headerTrust} trusts the
     * client: loosening headers from anyone else are ignored and named in {@code
     * X-LockLLM-Ignored-Headers}. A bad header value is a 400.
     */
    public Builder proxyHeaders(boolean honour) {
      this.proxyHeaders = honour;
      return this;
    }

    /** Which clients may loosen the policy with their headers; {@link HeaderTrust#NONE} by default. */
    public Builder headerTrust(HeaderTrust trust) {
      this.headerTrust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /**
     * A canary token added to the system prompt of every request that proceeds ({@link
     * InterceptDecision.Proceed#answer()} holds it, for the answer side to look for); {@link
     * Canary#disabled()} by default. The canary sentence is ours, added after the scan, so it is
     * not scanned. Legacy completions and pointer-only bodies have no system prompt and get none.
     */
    public Builder canary(Canary canary) {
      this.canary = Objects.requireNonNull(canary, "canary");
      return this;
    }

    /**
     * How answers are checked on routes that set no policy of their own ({@link
     * ProtectedRoute.Builder#output}); {@link OutputPolicy#disabled()} by default. Adapters apply it
     * with {@link com.lockllm.output.ResponseGuard}, from {@link InterceptDecision.Proceed#answer()}.
     */
    public Builder output(OutputPolicy output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /**
     * Adds a listener told of every decision on a protected request (metrics, tracing, a {@link
     * com.lockllm.decision.DecisionLog}); none by default. Listeners run in the order added.
     */
    public Builder listener(DecisionListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Adds each of {@code listeners}, as {@link #listener}. */
    public Builder listeners(List<DecisionListener> more) {
      more.forEach(this::listener);
      return this;
    }

    public LockLLMInterceptor build() {
      return new LockLLMInterceptor(this);
    }
  }
}
