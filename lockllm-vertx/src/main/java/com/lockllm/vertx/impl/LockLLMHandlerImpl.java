package com.lockllm.vertx.impl;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.intercept.InboundRequest;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.scan.ScanResult;
import com.lockllm.vertx.LockLLMHandler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The {@link LockLLMHandler} implementation. Not API: use {@link LockLLMHandler}'s factories. */
public final class LockLLMHandlerImpl implements LockLLMHandler {
  /** The handler for {@code enabled=false}: passes every request on. */
  public static final LockLLMHandler DISABLED = RoutingContext::next;

  /** Marks a context this handler already decided, so a reroute or a second mount does not scan twice. */
  private static final String HANDLED = LockLLMHandlerImpl.class.getName() + ".HANDLED";
  /** The {@code InterceptDecision.Reject} of a context this handler failed, for {@link #answerFailure}. */
  private static final String REJECTION = LockLLMHandlerImpl.class.getName() + ".REJECTION";

  private final LockLLMInterceptor interceptor;
  private final Function<Callable<CompletionStage<InterceptDecision>>, Future<CompletionStage<InterceptDecision>>> worker;

  /**
   * @param worker runs a task off the event loop; the future it returns completes on the calling
   *     context, as {@code executeBlocking} futures do
   */
  public LockLLMHandlerImpl(LockLLMInterceptor interceptor,
      Function<Callable<CompletionStage<InterceptDecision>>, Future<CompletionStage<InterceptDecision>>> worker) {
    this.interceptor = interceptor;
    this.worker = worker;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String path = ctx.normalizedPath();
    LockLLMInterceptor.Endpoint endpoint = ctx.get(HANDLED) != null ? null : interceptor.endpoint(path);
    if (endpoint == null) {
      ctx.next();
      return;
    }
    RequestBody body = ctx.body();
    if (!body.available()) {
      ctx.fail(500, new IllegalStateException(
          "LockLLMHandler needs a BodyHandler before it on route " + path + ": router.route().handler(BodyHandler.create())"));
      return;
    }
    ctx.put(HANDLED, Boolean.TRUE);
    InboundRequest inbound = inbound(ctx, request, path, body.buffer());
    // The worker extracts the prompt and hands the scan to the scanner; no thread waits for it, and
    // the scan timeout (interceptAsync's) bounds it. The verdict comes back on the request's context.
    Context context = ctx.vertx().getOrCreateContext();
    worker.apply(() -> endpoint.interceptAsync(inbound))
        .compose(decision -> Future.fromCompletionStage(decision, context))
        .onComplete(decision -> apply(ctx, decision), ctx::fail);
  }

  private static InboundRequest inbound(RoutingContext ctx, HttpServerRequest request, String path, Buffer body) {
    InboundRequest.Builder builder = InboundRequest.builder(request.method().name(), path)
        .body(body == null ? new byte[0] : body.getBytes())
        .unwrap(ctx);
    SocketAddress remote = request.remoteAddress();
    if (remote != null) {
      builder.remoteAddress(remote.hostAddress());
    }
    if (ctx.user() != null && ctx.user().subject() != null) {
      builder.principal(ctx.user().subject());
    }
    return builder.headers(request.headers()::getAll).build();
  }

  /** {@code LockLLMHandler.failureHandler()}. */
  public static void answerFailure(RoutingContext ctx) {
    if (!(ctx.failure() instanceof LockLLMException failure)) {
      ctx.next();
      return;
    }
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    InterceptDecision.Reject reject = ctx.get(REJECTION);
    // a rejection of this handler carries the headers the interceptor added (X-LockLLM-Blocked, ...)
    ErrorResponse error = reject != null && reject.error() == failure
        ? reject.response() : LockLLMErrors.toResponse(failure);
    response.setStatusCode(error.status());
    error.headers().forEach(response::putHeader);
    response.end(Buffer.buffer(error.body()));
  }

  private static void apply(RoutingContext ctx, InterceptDecision decision) {
    if (decision instanceof InterceptDecision.Reject reject) {
      // Failed, not answered, as Vert.x Web's own handlers do: the application's failure handling
      // sees the typed error first, and LockLLMHandler.failureHandler() answers what it leaves.
      ctx.put(REJECTION, reject);
      ctx.fail(reject.response().status(), reject.error());
      return;
    }
    InterceptDecision.Proceed proceed = (InterceptDecision.Proceed) decision;
    proceed.responseHeaders().forEach(ctx.response()::putHeader);
    if (proceed.scanResponse() != null) {
      ctx.put(ScanResult.ATTRIBUTE, proceed.scanResponse());
    }
    GuardedResponseImpl.install(ctx, proceed.answer());
    if (proceed.bodyRewritten()) {
      if (!BufferedBody.replace(ctx, Buffer.buffer(proceed.body()))) {
        ctx.fail(500, new IllegalStateException("cannot replace the body of " + ctx.getClass().getName()));
        return;
      }
      // Handlers that forward the request (a proxy) must describe the body they now hold.
      ctx.request().headers()
          .remove(HttpHeaders.TRANSFER_ENCODING)
          .set(HttpHeaders.CONTENT_LENGTH, Integer.toString(proceed.body().length));
    }
    ctx.next();
  }
}
