package com.lockllm.samples.vertx;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.samples.echo.EchoModel;
import com.lockllm.vertx.LockLLMHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** Starts the sample on {@code $PORT}, default 8080: {@code GET /health} and a protected chat route. */
public final class Main {
  /** What LockLLM is told: block attacks, redact personal data, on the chat route only. */
  static final Map<String, String> SETTINGS = Map.of(
      "scan-action", "block",
      "pii-action", "strip",
      "fail-mode", "closed",
      "max-body-size", "256KB",
      "protected-paths", "/v1/chat/completions");

  private Main() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    HttpServer server = start(vertx, Integer.parseInt(System.getenv().getOrDefault("PORT", "8080")))
        .await();
    System.out.println("LockLLM Vert.x sample listening on http://localhost:" + server.actualPort());
  }

  /** Starts the sample on {@code port} (0 picks a free one). */
  static Future<HttpServer> start(Vertx vertx, int port) {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.json(Map.of("status", "ok")));
    // A body still incomplete after 30 s gets LockLLM's 408 JSON instead of waiting for the idle timeout.
    router.post().handler(LockLLMHandler.bodyTimeout(Duration.ofSeconds(30)));
    // BodyHandler's own limit sits above LockLLM's so oversized prompts get LockLLM's 413 JSON.
    router.post().handler(BodyHandler.create().setBodyLimit(1024 * 1024));
    router.post().handler(LockLLMHandler.create(vertx, LockLLMSettings.fromMap(SETTINGS)));
    router.post("/v1/chat/completions").handler(ctx -> {
      byte[] answer;
      try {
        // Parsing a bounded JSON body and writing a small reply is cheap enough for the event loop.
        answer = EchoModel.chatCompletion(ctx.body().buffer().getBytes(), LockLLMHandler.scanResponse(ctx));
      } catch (IOException e) {
        ctx.fail(400, e);
        return;
      }
      ctx.response().putHeader("Content-Type", EchoModel.CONTENT_TYPE).end(Buffer.buffer(answer));
    });
    // A rejection fails the request; last among failure handlers, LockLLM's answers with its error JSON.
    router.route().last().failureHandler(LockLLMHandler.failureHandler());
    return vertx.createHttpServer().requestHandler(router).listen(port);
  }
}
