package com.lockllm.vertx.impl;

import com.lockllm.error.ErrorResponse;
import com.lockllm.output.AnswerContext;
import com.lockllm.output.OutputAction;
import com.lockllm.output.ResponseGuard;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.vertx.GuardedResponse;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link GuardedResponse} of a request: writes through the request's {@link ResponseGuard},
 * opened on the first write with the status and headers then set on {@code ctx.response()}. It also
 * watches {@code ctx.response()}: an answer written there directly, bypassing the guard, that the
 * guard would have checked is marked {@code X-LockLLM-Output-Unscanned: not-guarded} and, unless the
 * policy passes unscannable answers (or is in shadow mode), its connection (HTTP/2: its stream) is
 * closed before any byte of it leaves. Not API.
 */
public final class GuardedResponseImpl implements GuardedResponse {
  private static final Logger log = LoggerFactory.getLogger(GuardedResponseImpl.class);
  private static final String KEY = GuardedResponseImpl.class.getName();

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  /** the request's answer side; null when LockLLMHandler did not let this request through */
  private final AnswerContext answer;
  private ResponseGuard guard;
  /** the answer is over: ended, rejected, or stopped */
  private boolean done;
  private boolean stopped;
  private Handler<Void> stopHandler;

  private GuardedResponseImpl(RoutingContext ctx, AnswerContext answer) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.answer = answer;
  }

  /** Makes the guarded response of a request that proceeds with {@code answer}; ends the answer side with the exchange. */
  static void install(RoutingContext ctx, AnswerContext answer) {
    GuardedResponseImpl guarded = new GuardedResponseImpl(ctx, answer);
    ctx.put(KEY, guarded);
    ctx.addHeadersEndHandler(v -> guarded.headersEnding());
    ctx.addEndHandler(guarded::exchangeEnded);
  }

  /** {@code LockLLMHandler.guardedResponse(ctx)}: a plain pass-through where the handler let nothing through. */
  public static GuardedResponse of(RoutingContext ctx) {
    GuardedResponseImpl guarded = ctx.get(KEY);
    return guarded != null ? guarded : new GuardedResponseImpl(ctx, null);
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (!begin()) {
      return over();
    }
    if (passing()) {
      return response.write(data);
    }
    byte[] bytes = data.getBytes();
    byte[] out = guard.accept(bytes, 0, bytes.length);
    Future<Void> written = out.length == 0 ? Future.succeededFuture() : emit(out);
    if (guard.stopped()) {
      stopByGuard();
    }
    return written;
  }

  @Override
  public Future<Void> end(Buffer data) {
    Future<Void> written = write(data);
    return done ? written : end();
  }

  @Override
  public Future<Void> end() {
    if (!begin()) {
      return Future.succeededFuture();
    }
    done = true;
    if (passing()) {
      return response.end();
    }
    byte[] out = guard.finish();
    if (guard.rejection() != null) {
      return reject(guard.rejection());
    }
    headers();
    return response.end(Buffer.buffer(out));
  }

  /** Opens the guard on the first write; {@code false} once the answer is over. */
  private boolean begin() {
    if (done) {
      return false;
    }
    if (guard != null || answer == null) {
      return true;
    }
    guard = ResponseGuard.open(answer, response.getStatusCode(), response.headers().get(HttpHeaders.CONTENT_TYPE),
        response.headers().get(HttpHeaders.CONTENT_ENCODING));
    headers();
    if (guard.mode() == ResponseGuard.Mode.REJECT) {
      done = true;
      reject(guard.rejection());
      fireStop();
      return false;
    }
    if (!passing()) {
      response.headers().remove(HttpHeaders.CONTENT_LENGTH);
    }
    return true;
  }

  private boolean passing() {
    return guard == null || guard.mode() == ResponseGuard.Mode.PASS;
  }

  /** Writes checked bytes: the output headers go first, in a chunked answer (its length is not known). */
  private Future<Void> emit(byte[] out) {
    if (!response.headWritten()) {
      headers();
      response.setChunked(true);
    }
    return response.write(Buffer.buffer(out));
  }

  private void headers() {
    if (!response.headWritten()) {
      guard.headers().forEach(response::putHeader);
    }
  }

  /** The guard ended the answer: a stream ends where its error event was written, a held answer is replaced. */
  private void stopByGuard() {
    done = true;
    if (guard.mode() == ResponseGuard.Mode.STREAM) {
      response.end();
    } else {
      guard.finish();
      if (guard.rejection() != null) {
        reject(guard.rejection());
      } else {
        response.end();
      }
    }
    fireStop();
  }

  /** The guard's error in place of the answer, keeping the request's {@code X-LockLLM-*} headers. */
  private Future<Void> reject(ErrorResponse error) {
    if (response.headWritten()) {
      // cannot happen for a held answer: nothing of it was written
      return response.reset().mapEmpty();
    }
    List<String> names = List.copyOf(response.headers().names());
    for (String name : names) {
      if (!name.toLowerCase(Locale.ROOT).startsWith("x-lockllm-")) {
        response.headers().remove(name);
      }
    }
    response.setChunked(false);
    response.setStatusCode(error.status());
    error.headers().forEach(response::putHeader);
    response.putHeader(HttpHeaders.CONTENT_TYPE, ErrorResponse.CONTENT_TYPE);
    return response.end(Buffer.buffer(error.body()));
  }

  private Future<Void> over() {
    return Future.failedFuture(new IllegalStateException("the answer is over: LockLLM ended it or the client went away"));
  }

  private void fireStop() {
    if (!stopped) {
      stopped = true;
      if (stopHandler != null) {
        stopHandler.handle(null);
      }
    }
  }

  /** The exchange is over: the answer side ends (vault wiped, decision logged); a client that left stops the answer. */
  private void exchangeEnded(AsyncResult<Void> result) {
    if (guard != null) {
      guard.close();
    } else if (answer != null) {
      answer.wipe();
    }
    if (result.failed() && !done) {
      done = true;
      fireStop();
    }
  }

  /**
   * Headers are about to go out. If nothing went through the guard, the handler wrote to {@code
   * ctx.response()} directly: an answer the guard would check goes out unchecked, so it is marked
   * and, unless the policy passes unscannable answers, its connection is closed before its body leaves.
   */
  private void headersEnding() {
    if (guard != null || answer == null) {
      return;
    }
    ResponseGuard probe = ResponseGuard.open(answer, response.getStatusCode(), response.headers().get(HttpHeaders.CONTENT_TYPE),
        response.headers().get(HttpHeaders.CONTENT_ENCODING));
    if (probe.mode() == ResponseGuard.Mode.PASS) {
      return;
    }
    response.putHeader(LockLLMHeaders.OUTPUT_SCAN, "unscanned");
    response.putHeader(LockLLMHeaders.OUTPUT_UNSCANNED, "not-guarded");
    boolean passes = answer.output().unscannable() == OutputAction.WARN || answer.output().shadow();
    log.warn("An answer on {} was written to ctx.response() rather than LockLLMHandler.guardedResponse(ctx): not checked, {}",
        ctx.normalizedPath(), passes ? "passed (unscannable=warn)" : "connection closed before it");
    if (!passes) {
      done = true;
      // the body follows these headers at once: only closing the connection (HTTP/1) or the stream keeps it in
      if (ctx.request().version() == HttpVersion.HTTP_2) {
        response.reset();
      } else {
        ctx.request().connection().close();
      }
    }
  }

  @Override
  public GuardedResponse stopHandler(Handler<Void> handler) {
    this.stopHandler = handler;
    return this;
  }

  @Override
  public boolean stopped() {
    return stopped;
  }

  @Override
  public GuardedResponse exceptionHandler(Handler<Throwable> handler) {
    response.exceptionHandler(handler);
    return this;
  }

  @Override
  public GuardedResponse setWriteQueueMaxSize(int maxSize) {
    response.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return response.writeQueueFull();
  }

  @Override
  public GuardedResponse drainHandler(Handler<Void> handler) {
    response.drainHandler(handler);
    return this;
  }
}
