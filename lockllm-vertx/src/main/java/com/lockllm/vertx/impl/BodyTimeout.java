package com.lockllm.vertx.impl;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMErrors;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/** The handler of {@code LockLLMHandler.bodyTimeout}. Not API. */
public final class BodyTimeout implements Handler<RoutingContext> {
  private final Duration timeout;

  public BodyTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      ctx.next();
      return;
    }
    long timer = ctx.vertx().setTimer(Math.max(1, timeout.toMillis()), id -> {
      HttpServerResponse response = ctx.response();
      if (request.isEnded() || response.ended() || response.headWritten()) {
        return;
      }
      ErrorResponse error = LockLLMErrors.toResponse(InvalidRequestErrors.requestTimeout(
          "no complete body within " + timeout.toMillis() + " ms"));
      response.setStatusCode(error.status());
      error.headers().forEach(response::putHeader);
      // the rest of the body may still come: the connection cannot be reused
      response.putHeader(HttpHeaders.CONNECTION, "close");
      response.end(Buffer.buffer(error.body())).onComplete(done -> request.connection().close());
    });
    ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
    ctx.next();
  }
}
