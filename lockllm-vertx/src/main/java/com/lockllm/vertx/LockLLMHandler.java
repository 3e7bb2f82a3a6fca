package com.lockllm.vertx;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.micrometer.LockLLMMetrics;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanResult;
import com.lockllm.vertx.impl.BodyTimeout;
import com.lockllm.vertx.impl.GuardedResponseImpl;
import com.lockllm.vertx.impl.LockLLMHandlerImpl;
import com.lockllm.vertx.impl.Metered;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.InputTrustHandler;
import java.time.Duration;
import java.util.Objects;

/**
 * A Vert.x Web handler that scans LLM prompts in request bodies before the application sees them.
 *
 * <pre>{@code
 * LockLLMSettings settings = LockLLMSettings.fromMap(Map.of("scan-action", "block",
 *     "protected-paths", "/v1/chat/completions"));
 * router.route().handler(BodyHandler.create().setBodyLimit(1_048_576));
 * router.route().handler(LockLLMHandler.create(vertx, settings));
 * router.route().last().failureHandler(LockLLMHandler.failureHandler());
 * router.post("/v1/chat/completions").handler(ctx -> ... LockLLMHandler.scanResponse(ctx) ...);
 * }</pre>
 *
 * <p>It must run after {@code BodyHandler}: it scans the body that handler buffered. On a protected
 * route without one, it fails the request with 500 and an {@link IllegalStateException} saying so,
 * rather than let an unscanned body through. Routes the settings do not protect go straight to the
 * next handler. Nothing heavy runs on the event loop: the prompt is extracted on a worker (Vert.x's
 * shared pool, or the {@link WorkerExecutor} given), which then hands it to the scanner's {@code
 * scanAsync} and returns at once; no thread waits for the scan. Its verdict is applied back on the
 * request's context, and {@code scan-timeout} bounds it: when it expires, {@code fail-mode}
 * decides (503 {@code scanner_unavailable}, or an unscanned pass-through under {@code open}).
 *
 * <p>A request that passes goes on with the {@code ScanResponse} under {@link ScanResult#ATTRIBUTE}
 * (see {@link #scanResponse}), the {@code X-LockLLM-*} response headers already set, and, under
 * PII {@code strip}, the redacted body in {@code ctx.body()}. A rejected one goes no further: the
 * handler fails the context with the error's status and the typed {@code LockLLMException}
 * ({@code PromptInjectionException}, {@code PiiDetectedException}, ...), as Vert.x Web's own
 * handlers fail theirs, so the application's failure handlers see it (and its {@code
 * router.errorHandler}s, when no failure handler answers). Mounted after them, {@link
 * #failureHandler()} answers what they leave with the LockLLM error JSON.
 */
public interface LockLLMHandler extends InputTrustHandler {

  /** A handler deciding with {@code interceptor}, extracting prompts on Vert.x's shared worker pool. */
  static LockLLMHandler create(Vertx vertx, LockLLMInterceptor interceptor) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(interceptor, "interceptor");
    return new LockLLMHandlerImpl(interceptor, task -> vertx.executeBlocking(task, false));
  }

  /**
   * A handler deciding with {@code interceptor}, extracting prompts on {@code executor}: a dedicated
   * pool (e.g. {@code vertx.createSharedWorkerExecutor("lockllm", 8)}) keeps them from queueing
   * behind other blocking work. The scan itself runs where the scanner's {@code scanAsync} puts it
   * (the embedded engine: its async executor). The caller owns and closes the executor.
   */
  static LockLLMHandler create(WorkerExecutor executor, LockLLMInterceptor interceptor) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(interceptor, "interceptor");
    return new LockLLMHandlerImpl(interceptor, task -> executor.executeBlocking(task, false));
  }

  /**
   * A handler configured from {@code lockllm.*} settings: the scanner is the one they select
   * ({@code LOCKLLM_API_KEY} picks the remote API, else the embedded engine). With
   * {@code enabled=false} the handler only passes requests on. With micrometer-core and
   * lockllm-micrometer on the class path, the {@code lockllm.*} meters go to Micrometer's {@code
   * Metrics.globalRegistry} (one {@link LockLLMMetrics} shared by the handlers built here); to
   * record them elsewhere, pass your own with {@link #create(Vertx, LockLLMSettings, LockLLMMetrics)}.
   */
  static LockLLMHandler create(Vertx vertx, LockLLMSettings settings) {
    if (!settings.enabled()) {
      return LockLLMHandlerImpl.DISABLED;
    }
    return create(vertx, Metered.interceptor(settings));
  }

  /**
   * As {@link #create(Vertx, LockLLMSettings)}, with the {@code lockllm.*} meters and the per-scan
   * observation in {@code metrics} (lockllm-micrometer): the scanner timed, every decision counted,
   * the remote API client watched. E.g. {@code LockLLMMetrics.create(BackendRegistries.getDefaultNow())}
   * puts them beside vertx-micrometer-metrics' own; give every handler of one registry the same
   * {@code LockLLMMetrics}. Recording never blocks: meters are in-memory.
   */
  static LockLLMHandler create(Vertx vertx, LockLLMSettings settings, LockLLMMetrics metrics) {
    Objects.requireNonNull(metrics, "metrics");
    if (!settings.enabled()) {
      return LockLLMHandlerImpl.DISABLED;
    }
    return create(vertx, Metered.interceptor(settings, metrics));
  }

  /**
   * A handler to mount before {@code BodyHandler}: a request whose body has not fully arrived
   * {@code timeout} after it reached the router is answered 408 {@code request_timeout} (the LockLLM
   * error JSON) and its connection closed. {@code BodyHandler} buffers a body before LockLLM sees it,
   * so without this a client that stalls mid-body is only dropped by the server's idle timeout, with
   * no answer. No thread waits meanwhile: it is one timer per request, cancelled when the response
   * ends.
   *
   * <pre>{@code
   * router.route().handler(LockLLMHandler.bodyTimeout(Duration.ofSeconds(30)));
   * router.route().handler(BodyHandler.create());
   * router.route().handler(LockLLMHandler.create(vertx, settings));
   * }</pre>
   */
  static Handler<RoutingContext> bodyTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return new BodyTimeout(timeout);
  }

  /**
   * A failure handler that answers a {@code LockLLMException} failure with the LockLLM error response
   * (status, {@code X-LockLLM-*} headers and the JSON body LockLLM SDK clients parse) and passes
   * every other failure on with {@code ctx.next()}. Mount it after your own failure handlers, e.g.
   * {@code router.route().last().failureHandler(LockLLMHandler.failureHandler())}: a rejection
   * reaches them first, and one that none of them answers gets LockLLM's JSON rather than Vert.x's
   * plain status text. Your own error handling may call it for a {@code LockLLMException}.
   */
  static Handler<RoutingContext> failureHandler() {
    return LockLLMHandlerImpl::answerFailure;
  }

  /**
   * The response of this request for the model's answer: what is written to it goes through the
   * answer guard of the request (its route's output policy, masked data to restore, the canary),
   * since Vert.x Web has no response body interceptor. Set status and headers on {@code
   * ctx.response()}, then write the answer here; a proxying handler pipes its upstream response
   * into it and resets the upstream request in its {@link GuardedResponse#stopHandler}. On a
   * request this handler did not let through, it writes to {@code ctx.response()} unchanged.
   *
   * <pre>{@code
   * client.request(options).compose(req -> req.send(ctx.body().buffer()).compose(upstream -> {
   *   ctx.response().setStatusCode(upstream.statusCode()).headers().addAll(upstream.headers());
   *   GuardedResponse answer = LockLLMHandler.guardedResponse(ctx).stopHandler(v -> req.reset());
   *   return upstream.pipeTo(answer);
   * }));
   * }</pre>
   *
   * <p>An answer the guard would check but that the handler writes to {@code ctx.response()}
   * directly is marked {@code X-LockLLM-Output-Unscanned: not-guarded} and, unless the policy's
   * {@code unscannable} action is {@code warn} (or it runs in shadow mode), its connection (HTTP/2:
   * its stream) is closed before any of it leaves: it is never sent unchecked.
   */
  static GuardedResponse guardedResponse(RoutingContext ctx) {
    return GuardedResponseImpl.of(ctx);
  }

  /** The scan of this request, or {@code null} when nothing was scanned. */
  static ScanResponse scanResponse(RoutingContext ctx) {
    return ctx.get(ScanResult.ATTRIBUTE);
  }
}
