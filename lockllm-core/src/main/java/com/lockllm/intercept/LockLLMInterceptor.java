package com.lockllm.intercept;

import com.lockllm.abuse.ClientKeyResolver;
import com.lockllm.abuse.RequestPatterns;
import com.lockllm.error.ErrorResponse;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.extract.BodyRewriter;
import com.lockllm.extract.ExtractedPrompt;
import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptExtractor;
import com.lockllm.extract.PromptSegment;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.proxy.ProxyOptions;
import com.lockllm.proxy.ProxyResponseHeaders;
import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.CompressionResult;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.RoutingInfo;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path shared by every adapter: match the route, read the body under its bound, extract
 * the prompt, scan it, and decide. Thread-safe and immutable; build one and share it.
 *
 * <p>The decision, in order: an injection under {@code scan_action=block}, a policy violation
 * under {@code policy_action=block}, abuse under {@code abuse_action=block} and personal data under
 * {@code pii_action=block} each reject with their typed error; personal data under {@code strip}
 * proceeds with the body rewritten inside the prompt fields only, and so does a compression the
 * scanner applied ({@code compression_result} with per-segment texts); a model the scanner's
 * routing selected replaces the body's top-level {@code model} ({@code X-LockLLM-Original-Model}
 * names the one asked for); everything else proceeds with the
 * {@link ScanResponse} and {@code X-LockLLM-*} headers. When the scanner fails or times out,
 * {@link FailMode} decides, and so it does for a body with content the model reads that cannot
 * be scanned ({@link ExtractedPrompt#unscannable()}: token ids, a PDF, a document by URL): closed
 * refuses it (422 {@code unscannable_content}), open scans the rest and names those fields in
 * {@code X-LockLLM-Unscanned} ({@code X-LockLLM-Scanned: false} when nothing else was scanned).
 *
 * <p>With {@link Builder#requestPatterns RequestPatterns} and an abuse action, each scanned request
 * also counts towards its client's behaviour (client from the {@link ClientKeyResolver}); the
 * behavioural warning is merged into the scanner's {@code abuse_warnings}. A counter store that
 * fails or times out follows the {@link FailMode} too: closed rejects, open goes on with the scan.
 */
public final class LockLLMInterceptor {
  private static final Logger log = LoggerFactory.getLogger(LockLLMInterceptor.class);

  /** Default time {@link #intercept} and {@link #interceptAsync} wait for a scan. */
  public static final Duration DEFAULT_SCAN_TIMEOUT = Duration.ofSeconds(10);
  /** How much of an oversized body is read and discarded before answering 413 (1 MiB). */
  public static final long DRAIN_LIMIT_BYTES = 1 << 20;

  private static final InterceptDecision NOT_PROTECTED = new InterceptDecision.Proceed(null, false, null, Map.of());

  private final Scanner scanner;
  private final ScanOptions options;
  private final ExtractionConfig extraction;
  private final List<Plan> plans;
  private final FailMode failMode;
  private final Duration scanTimeout;
  private final RequestPatterns requestPatterns;
  private final ClientKeyResolver clientKeyResolver;
  private final boolean proxyHeaders;
  private final HeaderTrust headerTrust;

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
    List<ProtectedRoute> routes = b.routes.isEmpty() ? List.of(ProtectedRoute.everything()) : b.routes;
    List<Plan> built = new ArrayList<>();
    for (ProtectedRoute route : routes) {
      ExtractionConfig extraction = route.extraction() == null ? b.extraction : route.extraction();
      built.add(new Plan(route, b.options.overriddenBy(route.options()).resolved(), PromptExtractor.create(extraction)));
    }
    this.plans = List.copyOf(built);
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

  /** The extraction used by routes that set none of their own. */
  public ExtractionConfig extraction() {
    return extraction;
  }

  /**
   * An interceptor for one endpoint the framework has already matched (an annotated controller
   * method, say): it protects every request it is given, with this interceptor's options overridden
   * by {@code overrides} and {@code extraction} (when not null) in place of the configured one; same
   * scanner, fail mode and scan timeout. Build it once per endpoint, not per request.
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
        .build();
  }

  /**
   * Headers with which a client asks the application to treat a request as another method: a
   * request whose own method or any method these name is one of its route's methods must carry a
   * prompt, so a {@code GET} that an application treats as a {@code POST} is held to the same rule.
   */
  public static final List<String> METHOD_OVERRIDE_HEADERS =
      List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  /**
   * Whether requests to {@code path} go through {@link #intercept}: every request with a body on a
   * protected path is scanned whatever its method, since a proxy or handler may forward the body
   * of a {@code GET} or {@code DELETE} as readily as that of a {@code POST}. Adapters call this
   * first so that other paths cost nothing.
   */
  public boolean protects(String path) {
    return plan(path) != null;
  }

  /**
   * Decides on {@code request} on the calling thread, which waits for the scan at most the scan
   * timeout; after it {@link FailMode} applies.
   */
  public InterceptDecision intercept(InboundRequest request) {
    Plan plan = plan(request.path());
    if (plan == null) {
      return NOT_PROTECTED;
    }
    Prepared prepared = prepare(plan, request);
    if (prepared.decision != null) {
      return prepared.decision;
    }
    Behaviour behaviour = Behaviour.NONE;
    if (prepared.clientKey != null) {
      try {
        behaviour = new Behaviour(requestPatterns.observe(prepared.clientKey, prepared.scanRequest.input()), null);
      } catch (RuntimeException e) {
        behaviour = Behaviour.failed(e);
      }
    }
    if (behaviour.failure != null && failMode == FailMode.CLOSED) {
      return unavailable(prepared, behaviour.failure);
    }
    Scanned scanned;
    try {
      scanned = scanWithin(prepared);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return onScanFailure(prepared, unwrap(e));
    }
    return decide(prepared, scanned, behaviour);
  }

  /**
   * The scanner's answer, waited for on the calling thread for at most the scan timeout. The scan
   * runs where {@link Scanner#scanAsync} puts it (a pool, or the scanner's own non-blocking I/O),
   * so a scanner that hangs costs the caller no more than the timeout; on expiry a scan still
   * queued is cancelled and never runs.
   */
  private Scanned scanWithin(Prepared prepared) throws ExecutionException, TimeoutException {
    CompletableFuture<ScanResponse> first = scanner.scanAsync(prepared.scanRequest).toCompletableFuture();
    CompletableFuture<Scanned> scan = rescanned(prepared, first);
    try {
      return scan.get(scanTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      first.cancel(false);
      scan.cancel(false);
      throw e;
    } catch (InterruptedException e) {
      first.cancel(false);
      scan.cancel(false);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for the scan");
    }
  }

  /**
   * Decides on {@code request} without blocking on the scan. A body given as a stream is read on the
   * calling thread; event-loop adapters pass the body as bytes. The scan is bounded by the scan
   * timeout, after which {@link FailMode} applies.
   */
  public CompletionStage<InterceptDecision> interceptAsync(InboundRequest request) {
    Plan plan = plan(request.path());
    if (plan == null) {
      return CompletableFuture.completedFuture(NOT_PROTECTED);
    }
    Prepared prepared = prepare(plan, request);
    if (prepared.decision != null) {
      return CompletableFuture.completedFuture(prepared.decision);
    }
    CompletableFuture<Behaviour> behaviour = observeAsync(prepared);
    CompletableFuture<Scanned> scan;
    try {
      scan = scanAsync(prepared);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(onScanFailure(prepared, e));
    }
    return scan.thenCombine(behaviour, (response, seen) -> seen.failure != null && failMode == FailMode.CLOSED
            ? unavailable(prepared, seen.failure)
            : decide(prepared, response, seen))
        .orTimeout(scanTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(failure -> onScanFailure(prepared, unwrap(failure)));
  }

  /**
   * The scan, and, when the scanner rewrote the prompt text (a compression), a second scan of the
   * text that would be forwarded: a rewrite can make text the first scan never saw (TOON decodes
   * the unicode escapes of an embedded JSON document), so what is forwarded is always what was
   * judged. PII redaction needs no second scan: it only replaces what it found with type labels.
   */
  private CompletableFuture<Scanned> scanAsync(Prepared prepared) {
    return rescanned(prepared, scanner.scanAsync(prepared.scanRequest).toCompletableFuture());
  }

  /** {@code scan}, followed by the second scan of {@link #scanAsync} when it rewrote the text. */
  private CompletableFuture<Scanned> rescanned(Prepared prepared, CompletableFuture<ScanResponse> scan) {
    return scan.thenCompose(first -> {
      ScanRequest forwarded = rewrittenText(prepared, first);
      return forwarded == null
          ? CompletableFuture.completedFuture(new Scanned(first, null))
          : scanner.scanAsync(forwarded).thenApply(second -> new Scanned(first, second));
    });
  }

  /**
   * The segments as the scanner's compression rewrote them, to scan again with the same options
   * less the rewriting ones; {@code null} when nothing was rewritten or the first scan already
   * rejects.
   */
  private static ScanRequest rewrittenText(Prepared prepared, ScanResponse first) {
    List<String> compressed = compressedSegments(prepared, first);
    if (compressed == null || Verdicts.rejection(first, prepared.options) != null) {
      return null;
    }
    List<PromptSegment> segments = prepared.scanRequest.segments();
    List<PromptSegment> rewritten = new ArrayList<>(segments.size());
    for (int i = 0; i < segments.size(); i++) {
      PromptSegment s = segments.get(i);
      rewritten.add(new PromptSegment(s.role(), compressed.get(i), s.jsonPointer(), s.sourceStart(), s.sourceEnd()));
    }
    ScanOptions options = ScanOptions.from(prepared.options).compression(null).compressionRate(null)
        .routeAction(null).build();
    return ScanRequest.of(rewritten, options);
  }

  /** The scanner's per-segment compression when it changed any segment, else {@code null}. */
  private static List<String> compressedSegments(Prepared prepared, ScanResponse response) {
    CompressionResult compression = response.compressionResult();
    List<PromptSegment> segments = prepared.scanRequest.segments();
    if (compression == null || compression.compressedSegments() == null
        || compression.compressedSegments().size() != segments.size()) {
      return null;
    }
    List<String> compressed = compression.compressedSegments();
    for (int i = 0; i < segments.size(); i++) {
      if (!segments.get(i).text().equals(compressed.get(i))) {
        return compressed;
      }
    }
    return null;
  }

  /** The behaviour of the request's client, counted in parallel with the scan; a failure is a value here. */
  private CompletableFuture<Behaviour> observeAsync(Prepared prepared) {
    if (prepared.clientKey == null) {
      return CompletableFuture.completedFuture(Behaviour.NONE);
    }
    try {
      return requestPatterns.observeAsync(prepared.clientKey, prepared.scanRequest.input())
          .toCompletableFuture()
          .handle((warning, failure) -> failure == null
              ? new Behaviour(warning, null) : Behaviour.failed(unwrap(failure)));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Behaviour.failed(e));
    }
  }

  /** The request's method and those its {@link #METHOD_OVERRIDE_HEADERS} name. */
  private static List<String> methods(String method, UnaryOperator<String> header) {
    List<String> methods = null;
    for (String name : METHOD_OVERRIDE_HEADERS) {
      String value = header.apply(name);
      if (value != null && !value.isBlank()) {
        if (methods == null) {
          methods = new ArrayList<>(4);
          methods.add(method);
        }
        methods.add(value);
      }
    }
    return methods == null ? List.of(method) : methods;
  }

  private Plan plan(String path) {
    for (Plan plan : plans) {
      if (plan.route.matches(path)) {
        return plan;
      }
    }
    return null;
  }

  private Prepared prepare(Plan plan, InboundRequest request) {
    try {
      int maxBytes = plan.extractor.config().maxBodyBytes();
      byte[] body;
      if (plan.route.requiresPrompt(methods(request.method(), request::header))) {
        try {
          checkEncoding(request.header("Content-Encoding"));
          checkContentType(request.contentType());
        } catch (LockLLMException e) {
          // refused unread: drained like an oversized body, so the client gets the answer, not a reset
          drain(request.bodyStream());
          throw e;
        }
        body = readBody(request, maxBytes);
      } else {
        // another method: scanned when it carries a body, which only reading can tell for sure
        if (request.contentLength() == 0 || (request.body() == null && request.bodyStream() == null)) {
          return Prepared.done(NOT_PROTECTED);
        }
        body = readBody(request, maxBytes);
        if (body.length == 0) {
          return Prepared.done(new InterceptDecision.Proceed(body, false, null, Map.of()));
        }
        checkEncoding(request.header("Content-Encoding"));
        checkContentType(request.contentType());
      }
      ExtractedPrompt prompt = plan.extractor.extract(body);
      List<String> unscanned = unscanned(prompt);
      if (prompt.segments().isEmpty()) {
        return Prepared.done(new InterceptDecision.Proceed(body, false, null, unscanned == null
            ? ProxyResponseHeaders.unscannedHeaders()
            : ProxyResponseHeaders.withUnscanned(ProxyResponseHeaders.unscannedHeaders(), unscanned)));
      }
      RequestedOptions requested = requestedOptions(plan, request);
      ScanOptions options = requested.options();
      return new Prepared(plan, options, requested.ignored(), body, ScanRequest.of(prompt.segments(), options),
          clientKey(options, request), null, unscanned);
    } catch (LockLLMException e) {
      return Prepared.done(reject(e, false, List.of()));
    }
  }

  /** The route's options under the client's {@code X-LockLLM-*} headers, when they are honoured at all. */
  private RequestedOptions requestedOptions(Plan plan, InboundRequest request) {
    if (!proxyHeaders) {
      return new RequestedOptions(plan.options, List.of());
    }
    ScanOptions asked = ProxyOptions.fromHeaders(request::header).scan();
    if (asked.equals(ScanOptions.empty())) {
      return new RequestedOptions(plan.options, List.of());
    }
    return RequestedOptions.of(plan.options, asked, headerTrust.trusted(request));
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

  /** The key behaviour is counted under, or {@code null} when behaviour is not observed for this request. */
  private String clientKey(ScanOptions options, InboundRequest request) {
    if (requestPatterns == null || options.abuseAction() == null) {
      return null;
    }
    return request.clientKey() != null ? request.clientKey() : clientKeyResolver.resolve(request);
  }

  private static void checkEncoding(String encoding) {
    if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
      throw InvalidRequestErrors.unsupportedContentEncoding(encoding.trim());
    }
  }

  private static void checkContentType(String contentType) {
    if (contentType == null) {
      throw InvalidRequestErrors.unsupportedContentType("none");
    }
    String[] parts = contentType.split(";");
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    boolean json = mediaType.equals("application/json")
        || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    if (!json) {
      throw InvalidRequestErrors.unsupportedContentType(mediaType);
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].trim().split("=", 2);
      if (param.length == 2 && param[0].trim().equalsIgnoreCase("charset")) {
        String charset = param[1].trim().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
          throw InvalidRequestErrors.unsupportedContentType(mediaType + "; charset=" + charset);
        }
      }
    }
  }

  private static byte[] readBody(InboundRequest request, int maxBytes) {
    if (request.contentLength() > maxBytes) {
      if (request.contentLength() - maxBytes <= DRAIN_LIMIT_BYTES) {
        drain(request.bodyStream());
      }
      throw InvalidRequestErrors.payloadTooLarge(maxBytes);
    }
    if (request.body() != null) {
      return request.body();
    }
    InputStream in = request.bodyStream();
    if (in == null) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        request.contentLength() > 0 ? (int) request.contentLength() : 8192);
    byte[] buffer = new byte[8192];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > maxBytes) {
          drain(in);
          throw InvalidRequestErrors.payloadTooLarge(maxBytes);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw bodyReadFailure(e);
    }
    return out.toByteArray();
  }

  /**
   * 408 when the container's read timeout expired while the body was still arriving (a client that
   * stalls mid-body: Tomcat's {@code connectionTimeout} throws a {@link SocketTimeoutException},
   * Jetty's idle timeout an {@code IOException} caused by a {@link TimeoutException}); otherwise a
   * 400 {@code body_read_failed}. Either way the request thread is released at once.
   */
  private static LockLLMException bodyReadFailure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
        return InvalidRequestErrors.requestTimeout("the server's read timeout expired");
      }
    }
    return new LockLLMException(
        "Could not read the request body: " + e.getClass().getSimpleName(),
        InvalidRequestErrors.TYPE, "body_read_failed", 400, null);
  }

  /**
   * Reads and discards what is left of a rejected body, at most {@link #DRAIN_LIMIT_BYTES}: a client
   * that sends its whole body before reading the answer then gets the 413 rather than a connection
   * reset. Beyond the limit the container closes the connection (Tomcat's {@code maxSwallowSize}
   * makes the same trade).
   */
  private static void drain(InputStream in) {
    if (in == null) {
      return;
    }
    byte[] buffer = new byte[8192];
    long left = DRAIN_LIMIT_BYTES;
    try {
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
        left -= n;
      }
    } catch (IOException e) {
      // the answer is a 413 either way; a broken stream only means the client is gone
    }
  }

  private InterceptDecision decide(Prepared prepared, Scanned scanned, Behaviour behaviour) {
    ScanOptions options = prepared.options;
    ScanResponse response = scanned.verdict();
    if (behaviour.warning != null) {
      response = response.toBuilder()
          .abuseWarnings(AbuseWarning.combine(response.abuseWarnings(), behaviour.warning))
          .build();
    }
    LockLLMException blocked = Verdicts.rejection(response, options);
    if (blocked != null) {
      return reject(blocked, true, prepared.ignored);
    }
    // compressed from the redacted text, so it carries the first scan's redaction too
    List<String> replacement = compressedSegments(prepared, scanned.first());
    // the last scan's redaction: of the compressed text, when it was scanned again
    PiiResult pii = (scanned.second() != null ? scanned.second() : scanned.first()).piiResult();
    if (pii != null && Boolean.TRUE.equals(pii.detected()) && options.piiAction() == PiiAction.STRIP) {
      replacement = pii.redactedSegments();
      if (replacement == null || replacement.size() != prepared.scanRequest.segments().size()) {
        return onScanFailure(prepared, new IllegalStateException(
            "scanner found personal data under strip but returned no per-segment redaction"));
      }
    }
    byte[] body = prepared.body;
    boolean rewritten = false;
    if (replacement != null) {
      List<PromptSegment> segments = prepared.scanRequest.segments();
      for (int i = 0; i < segments.size() && !rewritten; i++) {
        rewritten = !segments.get(i).text().equals(replacement.get(i));
      }
      if (rewritten) {
        body = BodyRewriter.rewrite(body, segments, replacement);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>(ProxyResponseHeaders.headersFor(response, options));
    if (prepared.unscanned != null) {
      headers = new LinkedHashMap<>(ProxyResponseHeaders.withUnscanned(headers, prepared.unscanned));
    }
    RoutingInfo routing = response.routing();
    if (routing != null && routing.selectedModel() != null) {
      PromptSegment model = BodyRewriter.topLevelString(body, "model");
      if (model != null && !model.text().equals(routing.selectedModel())) {
        body = BodyRewriter.replaceTopLevelString(body, "model", routing.selectedModel());
        rewritten = true;
        headers.put(LockLLMHeaders.ORIGINAL_MODEL, model.text());
      }
    }
    ignoredHeader(prepared.ignored, headers);
    return new InterceptDecision.Proceed(body, rewritten, response, headers, behaviour.failure);
  }

  private InterceptDecision onScanFailure(Prepared prepared, Throwable failure) {
    if (failure instanceof LockLLMException e && e.isVerdict()) {
      // The remote API blocked the prompt itself: that is a verdict, not a failure.
      return reject(e, true, prepared.ignored);
    }
    log.warn("LockLLM scan failed ({}); failing {}", describe(failure), failMode == FailMode.OPEN ? "open" : "closed");
    return unavailable(prepared, failure);
  }

  /** The fail mode's answer to a failed scan or counter store (each logged where it failed). */
  private InterceptDecision unavailable(Prepared prepared, Throwable failure) {
    if (failMode == FailMode.OPEN) {
      Map<String, String> headers = new LinkedHashMap<>(ProxyResponseHeaders.unscannedHeaders());
      ignoredHeader(prepared.ignored, headers);
      return new InterceptDecision.Proceed(prepared.body, false, null, headers, failure);
    }
    return reject(LockLLMException.scannerUnavailable("Prompt scanning is unavailable; the request was not forwarded"),
        false, prepared.ignored);
  }

  private static String describe(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return "timed out";
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  private static InterceptDecision reject(LockLLMException error, boolean blocked, List<String> ignored) {
    ErrorResponse response = LockLLMErrors.toResponse(error);
    if (blocked || !ignored.isEmpty()) {
      Map<String, String> headers = new LinkedHashMap<>(response.headers());
      if (blocked) {
        headers.put(LockLLMHeaders.BLOCKED, "true");
      }
      ignoredHeader(ignored, headers);
      response = new ErrorResponse(response.status(), response.body(), headers);
    }
    return new InterceptDecision.Reject(error, response);
  }

  /** Names the client's loosening headers that were not honoured, so the client can tell. */
  private static void ignoredHeader(List<String> ignored, Map<String, String> headers) {
    if (!ignored.isEmpty()) {
      headers.put(LockLLMHeaders.IGNORED_HEADERS, String.join(", ", ignored));
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** A route with everything it needs precomputed, so a request does no setup work. */
  private record Plan(ProtectedRoute route, ScanOptions options, PromptExtractor extractor) {}

  /**
   * A request read and ready to scan, or already decided.
   *
   * @param ignored the client's {@code X-LockLLM-*} headers that were not honoured
   * @param unscanned the fields proceeding unscanned under fail-mode open, or {@code null}
   */
  private record Prepared(Plan plan, ScanOptions options, List<String> ignored, byte[] body, ScanRequest scanRequest,
      String clientKey, InterceptDecision decision, List<String> unscanned) {
    static Prepared done(InterceptDecision decision) {
      return new Prepared(null, null, List.of(), null, null, null, decision, null);
    }
  }

  /**
   * The scanner's answers: on the prompt as sent, and on the prompt as it would be forwarded when
   * the first scan rewrote it ({@code null} otherwise).
   */
  private record Scanned(ScanResponse first, ScanResponse second) {
    /**
     * The answer that decides: the second scan's verdict when there is one, with the first's
     * compression and routing (which only it asked for) and the personal data both found.
     */
    ScanResponse verdict() {
      if (second == null) {
        return first;
      }
      return second.toBuilder()
          .compressionResult(first.compressionResult())
          .routing(first.routing())
          .piiResult(pii(first.piiResult(), second.piiResult()))
          .build();
    }

    /** The second scan's findings (and redaction) added to the first's. */
    private static PiiResult pii(PiiResult first, PiiResult second) {
      if (second == null || !Boolean.TRUE.equals(second.detected())) {
        return first;
      }
      if (first == null || !Boolean.TRUE.equals(first.detected())) {
        return second;
      }
      Set<String> types = new LinkedHashSet<>(first.entityTypes() == null ? List.of() : first.entityTypes());
      types.addAll(second.entityTypes() == null ? List.of() : second.entityTypes());
      int count = (first.entityCount() == null ? 0 : first.entityCount())
          + (second.entityCount() == null ? 0 : second.entityCount());
      return new PiiResult(true, List.copyOf(types), count, second.redactedInput(), second.redactedSegments());
    }
  }

  /** The client's behavioural warning, or why counting it failed; both null when not observed. */
  private record Behaviour(AbuseWarning warning, Throwable failure) {
    static final Behaviour NONE = new Behaviour(null, null);

    static Behaviour failed(Throwable failure) {
      log.warn("LockLLM abuse counters failed ({})", describe(failure));
      return new Behaviour(null, failure);
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

    public LockLLMInterceptor build() {
      return new LockLLMInterceptor(this);
    }
  }
}
