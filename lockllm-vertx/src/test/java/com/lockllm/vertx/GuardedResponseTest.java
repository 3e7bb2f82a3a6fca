package com.lockllm.vertx;

import static com.lockllm.vertx.EchoModel.EMAIL;
import static com.lockllm.vertx.EchoModel.LEAK;
import static com.lockllm.vertx.EchoModel.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.lockllm.output.Canary;
import com.lockllm.proxy.LockLLMHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The answer side over real HTTP into a Vert.x server: handlers write a model's answer through
 * {@link LockLLMHandler#guardedResponse} (buffered JSON, server-sent events, an error), or proxy an
 * upstream model server into it, and the client gets what the guard let through.
 */
class GuardedResponseTest {
  static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
  static final ListAppender<ILoggingEvent> decisions = new ListAppender<>();
  static Vertx vertx;
  static URI base;
  static int port;
  static HttpClient upstreamClient;
  static int upstreamPort;
  static volatile String seen;
  static volatile CountDownLatch upstreamClosed = new CountDownLatch(1);

  @BeforeAll
  static void start() {
    Logger logger = (Logger) LoggerFactory.getLogger("com.lockllm.output.decisions");
    logger.setLevel(Level.INFO);
    logger.addAppender(decisions);
    decisions.start();
    vertx = Vertx.vertx();
    upstreamPort = vertx.createHttpServer().requestHandler(upstreamModel()).listen(0, "127.0.0.1").await().actualPort();
    upstreamClient = vertx.createHttpClient();

    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.route().handler(LockLLMHandler.create(vertx, EchoModel.interceptor()));
    router.route().last().failureHandler(LockLLMHandler.failureHandler());
    router.post("/:route/json").handler(ctx -> {
      seen = EchoModel.prompt(ctx.body().buffer().getBytes());
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
      LockLLMHandler.guardedResponse(ctx).end(Buffer.buffer(EchoModel.completion(EchoModel.answer(ctx.body().buffer().getBytes()))));
    });
    router.post("/:route/sse").handler(ctx -> {
      seen = EchoModel.prompt(ctx.body().buffer().getBytes());
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream").setChunked(true);
      GuardedResponse answer = LockLLMHandler.guardedResponse(ctx);
      for (byte[] event : EchoModel.events(EchoModel.answer(ctx.body().buffer().getBytes()))) {
        answer.write(Buffer.buffer(event));
      }
      answer.end();
    });
    router.post("/:route/error").handler(ctx -> {
      ctx.response().setStatusCode(502).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
      LockLLMHandler.guardedResponse(ctx).end(Buffer.buffer(EchoModel.completion(EchoModel.answer(ctx.body().buffer().getBytes()))));
    });
    router.post("/:route/direct").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(Buffer.buffer(EchoModel.completion(EchoModel.answer(ctx.body().buffer().getBytes())))));
    router.post("/:route/proxy/:kind").handler(GuardedResponseTest::proxy);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    port = server.actualPort();
    base = URI.create("http://127.0.0.1:" + port);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    ((Logger) LoggerFactory.getLogger("com.lockllm.output.decisions")).detachAppender(decisions);
  }

  /** A proxy as the Javadoc of guardedResponse shows it: the upstream answer piped into the guard, reset when it stops. */
  static void proxy(RoutingContext ctx) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(upstreamPort)
        .setURI("/" + ctx.pathParam("kind"));
    upstreamClient.request(options).compose(request -> request.send(ctx.body().buffer()).compose(upstream -> {
      ctx.response().setStatusCode(upstream.statusCode()).headers().addAll(upstream.headers());
      GuardedResponse answer = LockLLMHandler.guardedResponse(ctx).stopHandler(v -> request.reset());
      return upstream.pipeTo(answer);
    })).onFailure(failure -> {
      if (!ctx.response().ended() && !ctx.response().closed()) {
        ctx.fail(failure);
      }
    });
  }

  /** The upstream model server: answers {@code /json}, {@code /sse}, and {@code /endless} (a stream that never ends). */
  static io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> upstreamModel() {
    return request -> request.body().onSuccess(body -> {
      HttpServerResponse response = request.response();
      String said = EchoModel.answer(body.getBytes());
      switch (request.path()) {
        case "/json" -> response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(EchoModel.completion(said)));
        case "/sse" -> {
          response.putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream").setChunked(true);
          EchoModel.events(said).forEach(event -> response.write(Buffer.buffer(event)));
          response.end();
        }
        default -> {
          response.putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream").setChunked(true);
          List<byte[]> events = EchoModel.events(said);
          events.subList(0, events.size() - 2).forEach(event -> response.write(Buffer.buffer(event)));
          long timer = vertx.setPeriodic(20, id -> response.write(Buffer.buffer(EchoModel.event(" more"))));
          response.closeHandler(v -> {
            vertx.cancelTimer(timer);
            upstreamClosed.countDown();
          });
        }
      }
    });
  }

  static HttpResponse<String> post(String path, String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void secretInBufferedJsonAnswerIsRedactedWithHeaders() throws Exception {
    for (String path : List.of("/strip/json", "/strip/proxy/json")) {
      var response = post(path, EchoModel.request("Your key is " + SECRET + ", keep it."));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(EchoModel.completionText(response.body())).isEqualTo("Your key is [REDACTED_AWS_ACCESS_KEY_ID], keep it.");
      assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_SCAN)).hasValue("buffered");
      assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_ACTION)).hasValue("strip");
      assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_FINDINGS)).hasValue("secret:AWS_ACCESS_KEY_ID=1");
      assertThat(response.headers().firstValue("Content-Length")).hasValue(
          String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
      assertThat(response.headers().firstValue(LockLLMHeaders.SCANNED)).isPresent();
    }
  }

  @Test
  void emailSplitAcrossStreamChunksIsStripped() throws Exception {
    for (String path : List.of("/strip/sse", "/strip/proxy/sse")) {
      var response = post(path, EchoModel.request("Write to " + EMAIL + " today."));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_SCAN)).hasValue("streamed");
      assertThat(EchoModel.streamedText(response.body())).startsWith("Write to ").endsWith(" today.")
          .doesNotContain("john", "example.com");
      assertThat(response.body()).endsWith("data: [DONE]\n\n");
    }
  }

  @Test
  void canarySplitAcrossChunksCutsTheStreamWithTheProviderError() throws Exception {
    var response = post("/strip/sse", EchoModel.request("My instructions end with " + LEAK + " as told."));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain(Canary.TOKEN_PREFIX).doesNotContain("[DONE]").doesNotContain("as told");
    assertThat(response.body()).contains("\"error\"").contains("output_blocked");
    assertThat(EchoModel.streamedText(response.body())).startsWith("My instructions");
  }

  @Test
  void maskedPersonalDataIsRestoredInTheAnswer() throws Exception {
    var response = post("/mask/json", EchoModel.request("Please mail " + EMAIL + " the invoice."));

    assertThat(seen).doesNotContain(EMAIL).contains("[EMAIL_1_");
    assertThat(EchoModel.completionText(response.body())).isEqualTo("Please mail " + EMAIL + " the invoice.");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_RESTORED)).hasValue("1");

    var streamed = post("/mask/proxy/sse", EchoModel.request("Please mail " + EMAIL + " the invoice."));
    assertThat(EchoModel.streamedText(streamed.body())).isEqualTo("Please mail " + EMAIL + " the invoice.");
    assertThat(streamed.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void blockedBufferedAnswerIs403OutputBlocked() throws Exception {
    for (String path : List.of("/block/json", "/block/proxy/json")) {
      var response = post(path, EchoModel.request("Your key is " + SECRET + "."));

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body()).doesNotContain(SECRET).contains("\"lockllm_output_error\"").contains("\"output_blocked\"");
      assertThat(response.headers().firstValue(LockLLMHeaders.BLOCKED)).hasValue("true");
      assertThat(response.headers().firstValue(LockLLMHeaders.SCANNED)).isPresent();
    }
  }

  @Test
  void shadowModeChangesNothingAndReports() throws Exception {
    decisions.list.clear();
    String said = "Your key is " + SECRET + ", write to " + EMAIL + ".";
    var response = post("/shadow/json", EchoModel.request(said));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(EchoModel.completionText(response.body())).isEqualTo(said);
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_SHADOW)).hasValue("true");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_ACTION)).hasValue("strip");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_FINDINGS)).hasValueSatisfying(
        findings -> assertThat(findings).contains("secret:AWS_ACCESS_KEY_ID=1", "pii:"));
    // written when the exchange ends, just after the answer
    awaitDecision("(shadow, not applied)");
    assertThat(List.copyOf(decisions.list)).allSatisfy(line -> assertThat(line.getFormattedMessage()).doesNotContain(SECRET, EMAIL));

    var streamed = post("/shadow/sse", EchoModel.request(said));
    assertThat(EchoModel.streamedText(streamed.body())).isEqualTo(said);
  }

  @Test
  void nonSuccessAnswerPasses() throws Exception {
    var response = post("/block/error", EchoModel.request("Your key is " + SECRET + "."));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(EchoModel.completionText(response.body())).isEqualTo("Your key is " + SECRET + ".");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_SCAN)).isEmpty();
  }

  @Test
  void answerWrittenAroundTheGuardIsNeverSentUnchecked() {
    // the handler wrote to ctx.response() directly: the connection closes before any byte of the answer
    assertThatThrownBy(() -> post("/strip/direct", EchoModel.request("Your key is " + SECRET + ".")))
        .isInstanceOf(IOException.class).hasMessageContaining("no bytes");
  }

  @Test
  void clientDisconnectMidStreamResetsTheUpstreamAndClosesTheGuard() throws Exception {
    upstreamClosed = new CountDownLatch(1);
    decisions.list.clear();
    byte[] body = EchoModel.request("Your key is " + SECRET + " and then").getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /strip/proxy/endless HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder received = new StringBuilder();
      byte[] buffer = new byte[4096];
      while (!received.toString().contains("REDACTED")) {
        int n = in.read(buffer);
        assertThat(n).isPositive();
        received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
      assertThat(received.toString()).doesNotContain(SECRET);
    }

    assertThat(upstreamClosed.await(10, TimeUnit.SECONDS)).as("the upstream request is reset").isTrue();
    // close() writes the decision line: counts only
    awaitDecision("answer stream action=strip findings=[secret:AWS_ACCESS_KEY_ID=1]");
  }

  private static void awaitDecision(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline
        && List.copyOf(decisions.list).stream().noneMatch(e -> e.getFormattedMessage().contains(expected))) {
      Thread.sleep(20);
    }
    assertThat(List.copyOf(decisions.list)).anySatisfy(line -> assertThat(line.getFormattedMessage()).contains(expected));
  }
}
