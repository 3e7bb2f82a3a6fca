package com.lockllm.vertx;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractAnswer;
import com.lockllm.testing.ContractEcho;
import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;

/**
 * The shared adapter contract on a real Vert.x HTTP server, the handler on every route and its
 * failure handler last (no failure handler of the application's). The echo route also answers as a
 * {@link ContractAnswer} header asks, through {@link LockLLMHandler#guardedResponse}.
 */
class VertxContractTest extends AdapterContract {
  @Override
  protected ContractServer start(ContractFixture fixture) throws Exception {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    // a stalled body is answered (408) once the body timeout expires
    router.route().handler(LockLLMHandler.bodyTimeout(HostileInputContract.READ_TIMEOUT));
    router.route().handler(BodyHandler.create().setBodyLimit(10 * 1024 * 1024));
    LockLLMSettings settings = LockLLMSettings.fromMap(fixture.settings());
    LockLLMInterceptor interceptor = fixture.answerSide(settings.interceptorBuilder(fixture.scanner(), null)).build();
    router.route().handler(LockLLMHandler.create(vertx, interceptor));
    router.route().last().failureHandler(LockLLMHandler.failureHandler());
    router.post(PROTECTED_PATH).handler(VertxContractTest::echo);
    router.post(UNPROTECTED_PATH).handler(VertxContractTest::echo);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    URI base = URI.create("http://127.0.0.1:" + server.actualPort());
    return ContractServer.of(base, () -> vertx.close().await());
  }

  static void echo(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    String answer = ctx.request().getHeader(ContractAnswer.HEADER);
    if (answer != null) {
      answer(ctx, ContractAnswer.fromHeader(answer).reply(body == null ? new byte[0] : body.getBytes()));
      return;
    }
    Buffer secondRead = ctx.body().buffer();
    byte[] rendered = ContractEcho.render(body == null ? new byte[0] : body.getBytes(),
        secondRead == null ? new byte[0] : secondRead.getBytes(), LockLLMHandler.scanResponse(ctx));
    ctx.response().putHeader("Content-Type", ContractEcho.CONTENT_TYPE).end(Buffer.buffer(rendered));
  }

  /** The answer a contract test asks for, written through the guarded response as an upstream's, chunk by chunk. */
  static void answer(RoutingContext ctx, ContractAnswer.Reply reply) {
    HttpServerResponse response = ctx.response().setStatusCode(reply.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType());
    if (reply.contentEncoding() != null) {
      response.putHeader(HttpHeaders.CONTENT_ENCODING, reply.contentEncoding());
    }
    if (reply.buffered()) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(reply.length()));
    } else {
      response.setChunked(true);
    }
    GuardedResponse guarded = LockLLMHandler.guardedResponse(ctx).stopHandler(v -> reply.upstreamClosed());
    send(ctx, guarded, reply, 0);
  }

  /** Writes chunk {@code index} and, after its pause on a timer (never blocking the event loop), the next. */
  private static void send(RoutingContext ctx, GuardedResponse guarded, ContractAnswer.Reply reply, int index) {
    if (guarded.stopped()) {
      reply.upstreamClosed();
      return;
    }
    if (index == reply.chunks().size()) {
      guarded.end();
      return;
    }
    guarded.write(Buffer.buffer(reply.chunks().get(index))).onComplete(written -> {
      if (written.failed()) {
        reply.upstreamClosed();
      } else if (reply.pauseMillis() > 0) {
        ctx.vertx().setTimer(reply.pauseMillis(), t -> send(ctx, guarded, reply, index + 1));
      } else {
        send(ctx, guarded, reply, index + 1);
      }
    });
  }
}
