package com.lockllm.vertx;

import static com.lockllm.vertx.LockLLMHandlerTest.ATTACK;
import static com.lockllm.vertx.LockLLMHandlerTest.SCANNER;
import static com.lockllm.vertx.LockLLMHandlerTest.interceptor;
import static com.lockllm.vertx.LockLLMHandlerTest.post;
import static com.lockllm.vertx.LockLLMHandlerTest.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.error.LockLLMException;
import com.lockllm.error.PromptInjectionException;
import com.lockllm.proxy.LockLLMHeaders;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A rejection fails the routing context, so the application's failure handling sees it first. */
@ExtendWith(VertxExtension.class)
class FailureRoutingTest {
  final List<Throwable> seen = new CopyOnWriteArrayList<>();
  final AtomicBoolean appReached = new AtomicBoolean();

  /** BodyHandler, LockLLM, then the app on every route; no failure handler yet. */
  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.route().handler(LockLLMHandler.create(vertx, interceptor(SCANNER)));
    router.route().handler(ctx -> {
      appReached.set(true);
      ctx.response().end("ok");
    });
    return router;
  }

  static HttpResponse<String> attack(Vertx vertx, Router router) throws Exception {
    int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
    return send(post(URI.create("http://127.0.0.1:" + port), "/v1/chat/completions", ATTACK));
  }

  @Test
  void anApplicationFailureHandlerReceivesTheTypedExceptionBeforeLockLLMs(Vertx vertx) throws Exception {
    Router router = router(vertx);
    router.route().last().failureHandler(LockLLMHandler.failureHandler());
    router.route().failureHandler(ctx -> {
      seen.add(ctx.failure());
      LockLLMException error = (LockLLMException) ctx.failure();
      ctx.response().setStatusCode(ctx.statusCode()).end("app: " + error.code());
    });

    HttpResponse<String> response = attack(vertx, router);

    assertThat(seen).singleElement().isInstanceOf(PromptInjectionException.class);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("app: " + PromptInjectionException.CODE);
    assertThat(appReached).isFalse();
  }

  @Test
  void whatTheApplicationPassesOnGetsTheLockLLMErrorJson(Vertx vertx) throws Exception {
    Router router = router(vertx);
    router.route().last().failureHandler(LockLLMHandler.failureHandler());
    router.route().failureHandler(ctx -> {
      seen.add(ctx.failure());
      ctx.next();
    });

    HttpResponse<String> response = attack(vertx, router);

    assertThat(seen).hasSize(1);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue(LockLLMHeaders.BLOCKED)).hasValue("true");
    assertThat(response.body()).contains("\"code\":\"" + PromptInjectionException.CODE + "\"");
    assertThat(appReached).isFalse();
  }

  /** Without LockLLM's failure handler, the router's error handlers see a rejection too. */
  @Test
  void aRouterErrorHandlerReceivesTheTypedExceptionAndMayAnswerItTheLockLLMWay(Vertx vertx) throws Exception {
    Router router = router(vertx);
    Handler<RoutingContext> lockllm = LockLLMHandler.failureHandler();
    router.errorHandler(400, ctx -> {
      seen.add(ctx.failure());
      if (ctx.failure() instanceof LockLLMException) {
        lockllm.handle(ctx);
      }
    });

    HttpResponse<String> response = attack(vertx, router);

    assertThat(seen).singleElement().isInstanceOf(PromptInjectionException.class);
    assertThat(response.headers().firstValue(LockLLMHeaders.BLOCKED)).hasValue("true");
    assertThat(response.body()).contains("\"code\":\"" + PromptInjectionException.CODE + "\"");
  }

  @Test
  void otherFailuresGoOnToTheNextFailureHandler(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> ctx.fail(418));
    router.route().failureHandler(LockLLMHandler.failureHandler());
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode()).end("next"));

    HttpResponse<String> response = attack(vertx, router);

    assertThat(response.statusCode()).isEqualTo(418);
    assertThat(response.body()).isEqualTo("next");
  }

  @Test
  void aLockLLMExceptionFromElsewhereIsAnsweredAsItsOwnError(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> ctx.fail(LockLLMException.scannerUnavailable("down")));
    router.route().failureHandler(LockLLMHandler.failureHandler());

    HttpResponse<String> response = attack(vertx, router);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"code\":\"" + LockLLMException.SCANNER_UNAVAILABLE + "\"");
  }

  @Test
  void withNoFailureHandlerARejectionStillStopsWithItsStatus(Vertx vertx) throws Exception {
    HttpResponse<String> response = attack(vertx, router(vertx));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("Bad Request");
    assertThat(appReached).isFalse();
  }
}
