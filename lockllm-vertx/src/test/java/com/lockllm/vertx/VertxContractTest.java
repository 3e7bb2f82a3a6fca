package com.lockllm.vertx;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractEcho;
import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;

/**
 * The shared adapter contract on a real Vert.x HTTP server, the handler on every route and its
 * failure handler last (no failure handler of the application's).
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
    router.route().handler(LockLLMHandler.create(vertx, settings.interceptor(fixture.scanner())));
    router.route().last().failureHandler(LockLLMHandler.failureHandler());
    router.post(PROTECTED_PATH).handler(VertxContractTest::echo);
    router.post(UNPROTECTED_PATH).handler(VertxContractTest::echo);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    URI base = URI.create("http://127.0.0.1:" + server.actualPort());
    return ContractServer.of(base, () -> vertx.close().await());
  }

  static void echo(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    Buffer secondRead = ctx.body().buffer();
    byte[] rendered = ContractEcho.render(body == null ? new byte[0] : body.getBytes(),
        secondRead == null ? new byte[0] : secondRead.getBytes(), LockLLMHandler.scanResponse(ctx));
    ctx.response().putHeader("Content-Type", ContractEcho.CONTENT_TYPE).end(Buffer.buffer(rendered));
  }
}
