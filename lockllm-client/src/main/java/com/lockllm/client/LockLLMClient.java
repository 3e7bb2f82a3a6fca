package com.lockllm.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.error.ConfigurationException;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.error.NetworkException;
import com.lockllm.error.RateLimitException;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.remote.ClientListener;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Sensitivity;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Execution;
import dev.failsafe.ExecutionContext;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the LockLLM scan API ({@code POST {baseUrl}/v1/scan}) on {@link HttpClient}, blocking
 * ({@link #scan}) or not ({@link #scanAsync}). Thread-safe and immutable; build one with
 * {@link #builder()} and share it.
 *
 * <p>Each call sends one client request id ({@code X-Request-Id}) and keeps it across retries.
 * HTTP 429, 500, 502 and 503 and network failures (including timeouts) are retried up to
 * {@code maxRetries} times, after {@code min(1000 * 2^attempt, 30000)} ms plus up to 10 % jitter, or
 * after the server's {@code Retry-After} when it gives a positive one: a Failsafe
 * {@link RetryPolicy} decides whether and when, and the client makes the attempts and waits, the
 * async variant without holding a thread. Other answers are not retried. Failures surface as
 * {@link LockLLMException}s: the typed error for the API's error body, a
 * {@link com.lockllm.error.RateLimitException} once 429s outlast the retries, and a
 * {@link NetworkException} once network failures do.
 *
 * <p>Two bounds keep a failing API from stalling the caller. A <em>total timeout</em> (default twice
 * the per-attempt timeout) caps one call across all attempts and waits: a retry whose wait would end
 * past it is not made, and the last attempt's timeout is cut to what is left. A <em>circuit
 * breaker</em> (default: open after 5 consecutive failed calls, for 30 s) fails calls at once with a
 * {@link NetworkException} while the API looks dead, then lets one trial call through; a call
 * fails it when it ends in a network error, a 5xx or an unreadable answer, and succeeds it on
 * any other answer (4xx and 429 included: the API is up).
 *
 * <p>A {@link ClientListener} sees how each call ended, each retry and each breaker transition, for
 * metrics.
 *
 * <p>The API key goes only into the {@code Authorization} header: never into a log line, an
 * exception message or {@link #toString()}.
 */
public final class LockLLMClient {
  public static final String DEFAULT_BASE_URL = "https://api.lockllm.com";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_RETRIES = 3;
  /** The default total timeout is this many per-attempt timeouts. */
  public static final int DEFAULT_TOTAL_TIMEOUT_FACTOR = 2;
  public static final int DEFAULT_BREAKER_FAILURES = 5;
  public static final Duration DEFAULT_BREAKER_OPEN = Duration.ofSeconds(30);
  static final String MISSING_KEY_MESSAGE =
      "API key is required. Get your API key from https://www.lockllm.com/dashboard";
  static final String SCAN_PATH = "/v1/scan";

  private static final Logger LOG = LoggerFactory.getLogger(LockLLMClient.class);
  private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 500, 502, 503);
  /** Failsafe keeps delays in nanoseconds: a Retry-After of centuries must not overflow them. */
  private static final long MAX_DELAY_MILLIS = Long.MAX_VALUE / 1_000_000;
  /** As the core's own mapper: error locations never quote the body, and fields added to the API are ignored. */
  private static final ObjectMapper JSON =
      JsonMapper.builder(JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final String apiKey;
  private final String baseUrl;
  private final URI scanUri;
  private final Duration timeout;
  private final int maxRetries;
  private final Duration totalTimeout;
  private final boolean explicitTotalTimeout;
  private final int breakerFailures;
  private final Duration breakerOpen;
  private final CircuitBreaker<Object> breaker;
  private final HttpClient httpClient;
  private final boolean ownHttpClient;
  private final Delayer delayer;
  private final DoubleSupplier jitter;
  private final Clock clock;
  private final Backoff backoff;
  private final RetryPolicy<HttpResponse<byte[]>> retryPolicy;
  private final ClientListener listener;
  private final KeyRedactor redactor;

  private LockLLMClient(Builder b) {
    this.listener = b.listener;
    this.apiKey = validKey(b.apiKey);
    this.redactor = new KeyRedactor(apiKey);
    this.baseUrl = validBaseUrl(b.baseUrl);
    this.scanUri = URI.create(baseUrl + SCAN_PATH);
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.explicitTotalTimeout = b.totalTimeout != null;
    this.totalTimeout = explicitTotalTimeout ? b.totalTimeout : timeout.multipliedBy(DEFAULT_TOTAL_TIMEOUT_FACTOR);
    this.breakerFailures = b.breakerFailures;
    this.breakerOpen = b.breakerOpen;
    this.breaker = breakerFailures == 0 ? null
        : CircuitBreaker.builder()
            .withFailureThreshold(breakerFailures)
            .withDelay(breakerOpen)
            .withSuccessThreshold(1)
            .onOpen(e -> {
              LOG.warn("LockLLM API circuit breaker open after {} failed calls; failing fast for {}",
                  breakerFailures, breakerOpen);
              tell(l -> l.circuitChanged(ClientListener.CircuitState.OPEN));
            })
            .onHalfOpen(e -> tell(l -> l.circuitChanged(ClientListener.CircuitState.HALF_OPEN)))
            .onClose(e -> {
              LOG.info("LockLLM API circuit breaker closed");
              tell(l -> l.circuitChanged(ClientListener.CircuitState.CLOSED));
            })
            .build();
    this.ownHttpClient = b.httpClient == null;
    this.httpClient =
        ownHttpClient ? HttpClient.newBuilder().connectTimeout(timeout).build() : b.httpClient;
    this.delayer = b.delayer;
    this.jitter = b.jitter;
    this.clock = b.clock;
    this.backoff = new Backoff(jitter, clock);
    this.retryPolicy = RetryPolicy.<HttpResponse<byte[]>>builder()
        .handle(IOException.class)
        .handleResultIf(response -> RETRIED_STATUSES.contains(response.statusCode()))
        .withMaxRetries(maxRetries)
        .withDelayFn(this::retryDelay)
        .build();
  }

  /** Decision 3 of the wire contract: a positive {@code Retry-After}, else the backoff of this attempt. */
  private Duration retryDelay(ExecutionContext<HttpResponse<byte[]>> context) {
    HttpResponse<byte[]> response = context.getLastResult();
    Long retryAfter = response == null ? null : retryAfterOf(response);
    return Duration.ofMillis(Math.min(backoff.delayMillis(context.getAttemptCount() - 1, retryAfter), MAX_DELAY_MILLIS));
  }

  private Long retryAfterOf(HttpResponse<byte[]> response) {
    return backoff.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code prototype}'s settings, key included. */
  public static Builder from(LockLLMClient prototype) {
    Builder b = new Builder();
    b.apiKey = prototype.apiKey;
    b.baseUrl = prototype.baseUrl;
    b.timeout = prototype.timeout;
    b.maxRetries = prototype.maxRetries;
    b.totalTimeout = prototype.explicitTotalTimeout ? prototype.totalTimeout : null;
    b.breakerFailures = prototype.breakerFailures;
    b.breakerOpen = prototype.breakerOpen;
    b.httpClient = prototype.ownHttpClient ? null : prototype.httpClient;
    b.delayer = prototype.delayer;
    b.jitter = prototype.jitter;
    b.clock = prototype.clock;
    b.listener = prototype.listener;
    return b;
  }

  /** The API base URL, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  public Duration timeout() {
    return timeout;
  }

  public int maxRetries() {
    return maxRetries;
  }

  /** The bound on one call across all its attempts and waits. */
  public Duration totalTimeout() {
    return totalTimeout;
  }

  /** The circuit breaker's state, for health checks; {@code CLOSED} when the breaker is off. */
  public ClientListener.CircuitState circuitState() {
    return breaker == null ? ClientListener.CircuitState.CLOSED : ClientListener.CircuitState.valueOf(breaker.getState().name());
  }

  /** Scans {@code request.input()} (all segments joined) with {@code request.options()}. */
  public ScanResponse scan(ScanRequest request) {
    return scan(request.input(), request.options(), RequestOptions.none());
  }

  public ScanResponse scan(ScanRequest request, RequestOptions requestOptions) {
    return scan(request.input(), request.options(), requestOptions);
  }

  public ScanResponse scan(String input, ScanOptions options) {
    return scan(input, options, RequestOptions.none());
  }

  /**
   * Scans {@code input}, blocking until the answer or the last retry.
   *
   * @throws LockLLMException the API's error, or a {@link NetworkException} when it could not be
   *     reached, when the circuit breaker is open, or when the calling thread is interrupted (whose
   *     flag is then set again)
   */
  public ScanResponse scan(String input, ScanOptions options, RequestOptions requestOptions) {
    Call call = new Call(input, options, requestOptions);
    call.acquirePermit();
    try {
      ScanResponse response = attempts(call);
      call.record(null);
      return response;
    } catch (RuntimeException e) {
      call.record(e);
      throw e;
    }
  }

  /**
   * Makes the attempts the retry policy asks for. The loop is ours, not Failsafe's executor: that
   * one sleeps with {@link Thread#sleep} and bounds a call on its own clock, whereas our waits go
   * through the {@link Delayer} and the total timeout is kept on the client's clock
   * ({@link Call#onAttempt}).
   */
  private ScanResponse attempts(Call call) {
    while (true) {
      HttpResponse<byte[]> response = null;
      IOException failure = null;
      try {
        response = httpClient.send(call.request(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        failure = e;
      } catch (InterruptedException e) {
        throw interrupted(call, e);
      }
      Step step = call.onAttempt(response, failure);
      if (step.retryDelayMillis < 0) {
        return step.result();
      }
      try {
        delayer.sleep(step.retryDelayMillis);
      } catch (InterruptedException e) {
        throw interrupted(call, e);
      }
    }
  }

  public CompletionStage<ScanResponse> scanAsync(ScanRequest request) {
    return scanAsync(request.input(), request.options(), RequestOptions.none());
  }

  public CompletionStage<ScanResponse> scanAsync(ScanRequest request, RequestOptions requestOptions) {
    return scanAsync(request.input(), request.options(), requestOptions);
  }

  public CompletionStage<ScanResponse> scanAsync(String input, ScanOptions options) {
    return scanAsync(input, options, RequestOptions.none());
  }

  /**
   * Scans {@code input} without blocking: the stage completes with the response or with the
   * {@link LockLLMException} {@link #scan} would throw. Completing or cancelling the returned
   * future stops further retries.
   */
  public CompletionStage<ScanResponse> scanAsync(
      String input, ScanOptions options, RequestOptions requestOptions) {
    Call call;
    try {
      call = new Call(input, options, requestOptions);
      call.acquirePermit();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<ScanResponse> result = new CompletableFuture<>();
    // A call that ends here is recorded before its future completes, so whoever sees the result also
    // sees the breaker's new state; this records a cancellation by the caller.
    result.whenComplete((response, failure) -> call.record(failure == null ? null : unwrap(failure)));
    attemptAsync(call, result);
    return result;
  }

  /** As {@link #attempts}, each wait on a delayed executor, so no thread is held between attempts. */
  private void attemptAsync(Call call, CompletableFuture<ScanResponse> result) {
    if (result.isDone()) {
      return;
    }
    CompletableFuture<HttpResponse<byte[]>> sent;
    try {
      sent = httpClient.sendAsync(call.request(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (RuntimeException e) {
      end(call, result, null, e);
      return;
    }
    sent.whenComplete(
        (response, failure) -> {
          Throwable cause = failure == null ? null : unwrap(failure);
          if (cause != null && !(cause instanceof IOException)) {
            end(call, result, null, cause);
            return;
          }
          Step step;
          try {
            step = call.onAttempt(response, (IOException) cause);
          } catch (RuntimeException e) {
            end(call, result, null, e);
            return;
          }
          if (step.retryDelayMillis >= 0) {
            delayer.after(step.retryDelayMillis).execute(() -> attemptAsync(call, result));
          } else {
            end(call, result, step.response, step.error);
          }
        });
  }

  private static void end(Call call, CompletableFuture<ScanResponse> result, ScanResponse response, Throwable failure) {
    call.record(failure);
    if (failure == null) {
      result.complete(response);
    } else {
      result.completeExceptionally(failure);
    }
  }

  /** Shows the settings with the key masked to its last four characters. */
  @Override
  public String toString() {
    return "LockLLMClient{baseUrl=" + baseUrl
        + ", timeout=" + timeout
        + ", maxRetries=" + maxRetries
        + ", totalTimeout=" + totalTimeout
        + ", circuitBreaker=" + (breaker == null ? "off" : breakerFailures + " failures/" + breakerOpen)
        + ", apiKey=" + mask(apiKey)
        + '}';
  }

  static String mask(String key) {
    return key.length() >= 16 ? "****" + key.substring(key.length() - 4) : "****";
  }

  private void tell(Consumer<ClientListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      LOG.warn("LockLLM client listener failed", e);
    }
  }

  /** The outcome a call's {@code failure} (null on success) reports to the listener. */
  static ClientListener.Outcome outcomeOf(Throwable failure) {
    if (failure == null) {
      return ClientListener.Outcome.SUCCESS;
    }
    if (failure instanceof CancellationException || failure.getCause() instanceof InterruptedException) {
      return ClientListener.Outcome.CANCELLED;
    }
    if (failure instanceof NetworkException) {
      return ClientListener.Outcome.NETWORK_ERROR;
    }
    if (failure instanceof RateLimitException) {
      return ClientListener.Outcome.RATE_LIMITED;
    }
    if (failure instanceof LockLLMException e) {
      if (LockLLMErrors.INVALID_RESPONSE_CODE.equals(e.code())) {
        return ClientListener.Outcome.INVALID_RESPONSE;
      }
      return e.status() != null && e.status() >= 500 ? ClientListener.Outcome.SERVER_ERROR : ClientListener.Outcome.CLIENT_ERROR;
    }
    return ClientListener.Outcome.CLIENT_ERROR;
  }

  private static NetworkException interrupted(Call call, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new NetworkException("Interrupted while calling the LockLLM API", e, call.requestId);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  static String newRequestId() {
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  /** What to do after one attempt: return, throw, or retry after a delay. */
  private static final class Step {
    final ScanResponse response;
    final LockLLMException error;
    final long retryDelayMillis;

    private Step(ScanResponse response, LockLLMException error, long retryDelayMillis) {
      this.response = response;
      this.error = error;
      this.retryDelayMillis = retryDelayMillis;
    }

    static Step done(ScanResponse response) {
      return new Step(response, null, -1);
    }

    static Step failed(LockLLMException error) {
      return new Step(null, error, -1);
    }

    static Step retry(long delayMillis) {
      return new Step(null, null, delayMillis);
    }

    ScanResponse result() {
      if (error != null) {
        throw error;
      }
      return response;
    }
  }

  /**
   * One logical scan call: its request, built once and re-sent on each retry, its deadline, and its
   * run of the retry policy.
   */
  private final class Call {
    final String requestId;
    final Sensitivity sensitivity;
    final HttpRequest request;
    final long attemptTimeoutMillis;
    final long startMillis;
    final long deadlineMillis;
    /** Failsafe's record of the attempts, which says whether and when to try again; used standalone. */
    private final Execution<HttpResponse<byte[]>> retries = Execution.of(retryPolicy);
    private final AtomicBoolean permitted = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    Call(String input, ScanOptions options, RequestOptions requestOptions) {
      Objects.requireNonNull(input, "input");
      ScanOptions scanOptions = options == null ? ScanOptions.empty() : options;
      if (scanOptions.piiAction() == PiiAction.MASK) {
        // the API knows no mask: it strips, and whoever asked for mask masks from that
        scanOptions = ScanOptions.from(scanOptions).piiAction(PiiAction.STRIP).build();
      }
      RequestOptions perCall = requestOptions == null ? RequestOptions.none() : requestOptions;
      this.sensitivity =
          scanOptions.sensitivity() == null ? ScanOptions.DEFAULT_SENSITIVITY : scanOptions.sensitivity();

      // Keyed by lower-case name so that caller headers replace ours whatever their case.
      Map<String, Map.Entry<String, String>> headers = new LinkedHashMap<>();
      put(headers, "Content-Type", "application/json");
      put(headers, "Authorization", "Bearer " + apiKey);
      put(headers, LockLLMHeaders.REQUEST_ID, newRequestId());
      put(headers, "User-Agent", ClientVersion.USER_AGENT);
      put(headers, LockLLMHeaders.SENSITIVITY, sensitivity.wireName());
      LockLLMHeaders.forOptions(scanOptions).forEach((name, value) -> put(headers, name, value));
      perCall.headers().forEach((name, value) -> put(headers, name, value));
      this.requestId = headers.get(LockLLMHeaders.REQUEST_ID.toLowerCase(Locale.ROOT)).getValue();

      ObjectNode body = JSON.createObjectNode();
      body.put("input", input);
      body.put("sensitivity", sensitivity.wireName());
      Duration attemptTimeout = perCall.timeout() == null ? timeout : perCall.timeout();
      this.attemptTimeoutMillis = attemptTimeout.toMillis();
      long budget = totalTimeout.toMillis();
      long now = clock.millis();
      this.startMillis = now;
      this.deadlineMillis = budget > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + budget;
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(scanUri)
              .timeout(attemptTimeout)
              .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
      for (Map.Entry<String, String> header : headers.values()) {
        try {
          builder.header(header.getKey(), header.getValue());
        } catch (IllegalArgumentException e) {
          // The JDK refuses some names (Host, Content-Length, ...) and control characters.
          throw new ConfigurationException(
              "Header '" + header.getKey() + "' cannot be sent to the LockLLM API");
        }
      }
      this.request = builder.build();
    }

    /** @throws NetworkException when the circuit breaker is open */
    void acquirePermit() {
      if (breaker != null && !breaker.tryAcquirePermit()) {
        LOG.debug("LockLLM scan {}: circuit breaker open, not calling the API", requestId);
        tell(l -> l.callEnded(ClientListener.Outcome.CIRCUIT_OPEN, Duration.ZERO));
        throw new NetworkException("LockLLM API circuit breaker is open after " + breakerFailures
            + " failed calls; not calling it for another " + breaker.getRemainingDelay().toMillis() + " ms",
            null, requestId);
      }
      permitted.set(true);
    }

    /** Tells the listener and the breaker, once, how the call ended; {@code failure} is null on success. */
    void record(Throwable failure) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      Duration took = Duration.ofMillis(Math.max(0, clock.millis() - startMillis));
      tell(l -> l.callEnded(outcomeOf(failure), took));
      if (breaker == null || !permitted.compareAndSet(true, false)) {
        return;
      }
      if (isApiFailure(failure)) {
        breaker.recordFailure();
      } else {
        // Includes interruption and cancellation: they say nothing about the API, but the
        // half-open trial permit must be given back, and Failsafe only does that on a record.
        breaker.recordSuccess();
      }
    }

    /** The request for the next attempt, its timeout cut to what is left of the total. */
    HttpRequest request() {
      long left = deadlineMillis - clock.millis();
      if (left >= attemptTimeoutMillis) {
        return request;
      }
      return HttpRequest.newBuilder(request, (name, value) -> true)
          .timeout(Duration.ofMillis(Math.max(1, left)))
          .build();
    }

    /** Whether a retry after {@code delayMillis} still starts before the deadline. */
    boolean fitsBudget(long delayMillis) {
      return clock.millis() + delayMillis < deadlineMillis;
    }

    /**
     * Records an attempt's answer, or its {@code failure} when none came, with the retry policy and
     * says what comes next. A retry the policy asks for is made only when its wait ends before the
     * total timeout: Failsafe's own bound ({@code withMaxDuration}) would shorten the wait instead,
     * and retry when no time is left for the attempt.
     */
    Step onAttempt(HttpResponse<byte[]> response, IOException failure) {
      retries.record(response, failure);
      int attempt = retries.getAttemptCount();
      boolean asked = !retries.isComplete();
      long delay = asked ? retries.getDelay().toMillis() : -1;
      boolean fits = asked && fitsBudget(delay);
      return failure != null ? onFailure(failure, attempt, asked, fits, delay) : onResponse(response, attempt, asked, fits, delay);
    }

    private Step onResponse(HttpResponse<byte[]> response, int attempt, boolean asked, boolean fits, long delay) {
      int status = response.statusCode();
      String responseId = response.headers().firstValue(LockLLMHeaders.REQUEST_ID).orElse(null);
      // An id that carries part of the key is not worth keeping: the one this call sent stands in.
      String knownId = responseId == null || responseId.isEmpty() || redactor.appearsIn(responseId) ? requestId : responseId;
      byte[] body = redactor.redact(response.body());
      if (status >= 200 && status < 300) {
        LOG.debug("LockLLM scan {} attempt {}: HTTP {}", requestId, attempt, status);
        return Step.done(parse(status, body, knownId));
      }
      if (fits) {
        LOG.debug("LockLLM scan {} attempt {}/{}: HTTP {}, retrying in {} ms",
            requestId, attempt, maxRetries + 1, status, delay);
        tell(l -> l.retrying(status == 429 ? ClientListener.Outcome.RATE_LIMITED : ClientListener.Outcome.SERVER_ERROR));
        return Step.retry(delay);
      }
      if (asked) {
        LOG.debug("LockLLM scan {} attempt {}: HTTP {}, a retry in {} ms would pass the total timeout {}, giving up",
            requestId, attempt, status, delay, totalTimeout);
      } else {
        LOG.debug("LockLLM scan {} attempt {}: HTTP {}, giving up", requestId, attempt, status);
      }
      return Step.failed(LockLLMErrors.fromHttpResponse(status, body, retryAfterOf(response), knownId));
    }

    private Step onFailure(IOException failure, int attempt, boolean asked, boolean fits, long delay) {
      String what = failure.getClass().getSimpleName()
          + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
      if (fits) {
        LOG.debug("LockLLM scan {} attempt {}/{} failed ({}), retrying in {} ms",
            requestId, attempt, maxRetries + 1, what, delay);
        tell(l -> l.retrying(ClientListener.Outcome.NETWORK_ERROR));
        return Step.retry(delay);
      }
      String budget = asked ? " (total timeout " + totalTimeout.toMillis() + " ms reached)" : "";
      LOG.debug("LockLLM scan {} attempt {} failed ({}){}, giving up", requestId, attempt, what, budget);
      return Step.failed(
          new NetworkException(
              "Network request failed after " + attempt + " attempts" + budget + ": " + what,
              failure, requestId));
    }

    private ScanResponse parse(int status, byte[] body, String knownId) {
      ScanResponse response;
      try {
        JsonNode json = JSON.readTree(body);
        // Without these a default-valued record would read as a verdict the server never gave.
        if (json == null || !json.isObject() || !json.path("safe").isBoolean()
            || !json.path("label").isIntegralNumber()) {
          throw LockLLMErrors.invalidResponse(
              status, "expected a scan result with boolean 'safe' and integer 'label'", null, knownId);
        }
        response = JSON.treeToValue(json, ScanResponse.class);
      } catch (IOException | IllegalArgumentException e) {
        throw LockLLMErrors.invalidResponse(status, "body is not a readable scan result", e, knownId);
      }
      if (response.requestId() != null && !response.requestId().isEmpty() && response.sensitivity() != null) {
        return response;
      }
      ScanResponse.Builder b = response.toBuilder();
      if (response.requestId() == null || response.requestId().isEmpty()) {
        b.requestId(knownId);
      }
      if (response.sensitivity() == null) {
        b.sensitivity(sensitivity);
      }
      return b.build();
    }
  }

  /** Whether a call's outcome says the API is down: a network error, a 5xx or an unreadable answer. */
  private static boolean isApiFailure(Throwable failure) {
    if (failure instanceof NetworkException) {
      return !(failure.getCause() instanceof InterruptedException);
    }
    return failure instanceof LockLLMException e
        && ((e.status() != null && e.status() >= 500) || LockLLMErrors.INVALID_RESPONSE_CODE.equals(e.code()));
  }

  private static void put(Map<String, Map.Entry<String, String>> headers, String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), Map.entry(name, value));
  }

  private static String validKey(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      throw new ConfigurationException(MISSING_KEY_MESSAGE);
    }
    String key = apiKey.strip();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        // Never echo the key, not even in part.
        throw new ConfigurationException(
            "API key contains a character that cannot be sent in an HTTP header (position " + i + ")");
      }
    }
    return key;
  }

  private static String validBaseUrl(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("baseUrl must not be blank, got '" + baseUrl + "'");
    }
    String url = baseUrl.strip();
    if (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
          || uri.getQuery() != null || uri.getFragment() != null) {
        throw new IllegalArgumentException(
            "baseUrl must be an absolute http(s) URL without query or fragment, got '" + baseUrl + "'");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("baseUrl is not a valid URL, got '" + baseUrl + "'", e);
    }
    return url;
  }

  /** Builds a {@link LockLLMClient}; only the API key is required. */
  public static final class Builder {
    private String apiKey;
    private String baseUrl = DEFAULT_BASE_URL;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration totalTimeout;
    private int breakerFailures = DEFAULT_BREAKER_FAILURES;
    private Duration breakerOpen = DEFAULT_BREAKER_OPEN;
    private HttpClient httpClient;
    private Delayer delayer = Delayer.SYSTEM;
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private Clock clock = Clock.systemUTC();
    private ClientListener listener = ClientListener.NONE;

    Builder() {}

    /** The LockLLM API key, sent as {@code Authorization: Bearer}; surrounding whitespace is dropped. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** Default {@value LockLLMClient#DEFAULT_BASE_URL}; one trailing slash is dropped. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** Per-attempt timeout, default 60 s; also the connect timeout of the client's own HttpClient. */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Retries after the first attempt, default 3; 0 disables retrying. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Bound on one call across all attempts and retry waits ({@code Retry-After} included); default
     * {@value LockLLMClient#DEFAULT_TOTAL_TIMEOUT_FACTOR} x {@link #timeout}. It also caps each
     * attempt, so a per-call timeout ({@link RequestOptions}) longer than it is cut to it.
     */
    public Builder totalTimeout(Duration totalTimeout) {
      if (totalTimeout == null || totalTimeout.isNegative() || totalTimeout.isZero()) {
        throw new IllegalArgumentException("totalTimeout must be positive, got " + totalTimeout);
      }
      this.totalTimeout = totalTimeout;
      return this;
    }

    /**
     * Opens the circuit after {@code failures} consecutive failed calls, for {@code openFor}, then
     * lets one trial call through; default 5 and 30 s.
     */
    public Builder circuitBreaker(int failures, Duration openFor) {
      if (failures < 1) {
        throw new IllegalArgumentException("circuit breaker failures must be at least 1, got " + failures);
      }
      if (openFor == null || openFor.isNegative() || openFor.isZero()) {
        throw new IllegalArgumentException("circuit breaker open duration must be positive, got " + openFor);
      }
      this.breakerFailures = failures;
      this.breakerOpen = openFor;
      return this;
    }

    /** Calls the API whatever happened to earlier calls. */
    public Builder noCircuitBreaker() {
      this.breakerFailures = 0;
      return this;
    }

    /**
     * The {@link HttpClient} to send with (proxy, TLS, executor settings); by default the client
     * builds its own.
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** Told how each call ends, of each retry and of each circuit breaker transition; for metrics. */
    public Builder listener(ClientListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    Builder delayer(Delayer delayer) {
      this.delayer = Objects.requireNonNull(delayer, "delayer");
      return this;
    }

    Builder jitter(DoubleSupplier jitter) {
      this.jitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @throws ConfigurationException when the API key is missing or blank
     * @throws IllegalArgumentException for an invalid base URL
     */
    public LockLLMClient build() {
      return new LockLLMClient(this);
    }
  }
}
