package com.lockllm.micronaut;

import static com.lockllm.micronaut.EchoModel.EMAIL;
import static com.lockllm.micronaut.EchoModel.LEAK;
import static com.lockllm.micronaut.EchoModel.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.output.Canary;
import com.lockllm.proxy.LockLLMHeaders;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The answer side over real HTTP into Micronaut's Netty server: controllers answer as a model would
 * (buffered JSON, a stream of server-sent events, an object, an error), and the filter checks what
 * reaches the client. The interceptor is a bean of the application's ({@link EchoModel#interceptor()}).
 */
class AnswerGuardTest {
  static final String SPEC = "AnswerGuardTest";
  static volatile CountDownLatch cancelled = new CountDownLatch(1);
  static volatile String seen;

  static ApplicationContext context;
  static EmbeddedServer server;
  static final ListAppender<ILoggingEvent> decisions = new ListAppender<>();

  @BeforeAll
  static void start() {
    Logger logger = (Logger) LoggerFactory.getLogger("com.lockllm.output.decisions");
    logger.setLevel(Level.INFO);
    logger.addAppender(decisions);
    decisions.start();
    context = ApplicationContext.builder()
        .properties(Map.of("spec.name", SPEC, "micronaut.server.host", "127.0.0.1", "micronaut.server.port", -1))
        .singletons(EchoModel.interceptor())
        .start();
    server = context.getBean(EmbeddedServer.class).start();
  }

  @AfterAll
  static void stop() {
    context.close();
    ((Logger) LoggerFactory.getLogger("com.lockllm.output.decisions")).detachAppender(decisions);
  }

  @Test
  void secretInBufferedJsonAnswerIsRedactedWithHeaders() throws Exception {
    var response = Http.post(server, "/strip/json", EchoModel.request("Your key is " + SECRET + ", keep it."));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(EchoModel.completionText(response.body())).isEqualTo("Your key is [REDACTED_AWS_ACCESS_KEY_ID], keep it.");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_SCAN)).hasValue("buffered");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_ACTION)).hasValue("strip");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_FINDINGS)).hasValue("secret:AWS_ACCESS_KEY_ID=1");
    assertThat(response.headers().firstValue("Content-Length")).hasValue(
        String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
    // the request side's headers are still there
    assertThat(response.headers().firstValue(LockLLMHeaders.SCANNED)).isPresent();
  }

  @Test
  void emailSplitAcrossStreamChunksIsStripped() throws Exception {
    var response = Http.post(server, "/strip/sse", EchoModel.request("Write to " + EMAIL + " today."));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_SCAN)).hasValue("streamed");
    assertThat(response.headers().firstValue("Content-Length")).isEmpty();
    String text = EchoModel.streamedText(response.body());
    assertThat(text).startsWith("Write to ").endsWith(" today.").doesNotContain("john", "example.com");
    assertThat(response.body()).doesNotContain("doe@").endsWith("data: [DONE]\n\n");
  }

  @Test
  void canarySplitAcrossChunksCutsTheStreamWithTheProviderError() throws Exception {
    var response = Http.post(server, "/strip/sse", EchoModel.request("My instructions end with " + LEAK + " as told."));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain(Canary.TOKEN_PREFIX).doesNotContain("[DONE]").doesNotContain("as told");
    assertThat(response.body()).contains("\"error\"").contains("output_blocked");
    assertThat(EchoModel.streamedText(response.body())).startsWith("My instructions");
  }

  @Test
  void maskedPersonalDataIsRestoredInTheAnswer() throws Exception {
    var response = Http.post(server, "/mask/json", EchoModel.request("Please mail " + EMAIL + " the invoice."));

    assertThat(seen).doesNotContain(EMAIL).contains("[EMAIL_1_");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(EchoModel.completionText(response.body())).isEqualTo("Please mail " + EMAIL + " the invoice.");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_RESTORED)).hasValue("1");
  }

  @Test
  void maskedPersonalDataIsRestoredInAStream() throws Exception {
    var response = Http.post(server, "/mask/sse", EchoModel.request("Please mail " + EMAIL + " the invoice."));

    assertThat(seen).doesNotContain(EMAIL);
    assertThat(EchoModel.streamedText(response.body())).isEqualTo("Please mail " + EMAIL + " the invoice.");
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void blockedBufferedAnswerIs403OutputBlocked() throws Exception {
    var response = Http.post(server, "/block/json", EchoModel.request("Your key is " + SECRET + "."));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.body()).doesNotContain(SECRET).contains("\"lockllm_output_error\"").contains("\"output_blocked\"");
    assertThat(response.headers().firstValue(LockLLMHeaders.BLOCKED)).hasValue("true");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_ACTION)).hasValue("block");
  }

  @Test
  void shadowModeChangesNothingAndReports() throws Exception {
    decisions.list.clear();
    String said = "Your key is " + SECRET + ", write to " + EMAIL + ".";
    var response = Http.post(server, "/shadow/json", EchoModel.request(said));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(EchoModel.completionText(response.body())).isEqualTo(said);
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_SHADOW)).hasValue("true");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_ACTION)).hasValue("strip");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_FINDINGS)).hasValueSatisfying(
        findings -> assertThat(findings).contains("secret:AWS_ACCESS_KEY_ID=1", "pii:"));
    assertThat(decisions.list).anySatisfy(line -> assertThat(line.getFormattedMessage())
        .contains("(shadow, not applied)").doesNotContain(SECRET, EMAIL));

    var streamed = Http.post(server, "/shadow/sse", EchoModel.request(said));
    assertThat(EchoModel.streamedText(streamed.body())).isEqualTo(said);
    assertThat(streamed.headers().firstValue(LockLLMHeaders.OUTPUT_SHADOW)).hasValue("true");
  }

  @Test
  void nonSuccessAnswerPasses() throws Exception {
    var response = Http.post(server, "/block/error", EchoModel.request("Your key is " + SECRET + "."));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(EchoModel.completionText(response.body())).isEqualTo("Your key is " + SECRET + ".");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_SCAN)).isEmpty();
  }

  @Test
  void annotatedEndpointObjectAnswerIsChecked() throws Exception {
    var response = Http.post(server, "/annotated/answer", EchoModel.request("Your key is " + SECRET + "."));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(EchoModel.completionText(response.body())).isEqualTo("Your key is [REDACTED_AWS_ACCESS_KEY_ID].");
    assertThat(response.headers().firstValue(LockLLMHeaders.OUTPUT_SCAN)).hasValue("buffered");
  }

  @Test
  void clientDisconnectMidStreamCancelsTheAnswerAndClosesTheGuard() throws Exception {
    cancelled = new CountDownLatch(1);
    decisions.list.clear();
    byte[] body = EchoModel.request("Your key is " + SECRET + " and then").getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /strip/endless HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
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

    assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the controller's stream is cancelled").isTrue();
    // close() writes the decision line: counts only
    awaitDecision("answer stream action=strip findings=[secret:AWS_ACCESS_KEY_ID=1]");
  }

  private static void awaitDecision(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (List.copyOf(decisions.list).stream().anyMatch(e -> e.getFormattedMessage().contains(expected))) {
        return;
      }
      Thread.sleep(20);
    }
    assertThat(List.copyOf(decisions.list)).anySatisfy(line -> assertThat(line.getFormattedMessage()).contains(expected));
  }

  @Requires(property = "spec.name", value = SPEC)
  @Controller
  @Consumes(MediaType.ALL)
  static class Model {
    @Post(uri = "/{route}/json", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> json(String route, @Body byte[] body) {
      seen = EchoModel.prompt(body);
      return HttpResponse.ok(EchoModel.completion(EchoModel.answer(body)));
    }

    @Post(uri = "/{route}/sse", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<byte[]> sse(String route, @Body byte[] body) {
      seen = EchoModel.prompt(body);
      return Flux.fromIterable(EchoModel.events(EchoModel.answer(body)));
    }

    @Post(uri = "/{route}/error", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> error(String route, @Body byte[] body) {
      return HttpResponse.<byte[]>status(HttpStatus.BAD_GATEWAY).body(EchoModel.completion(EchoModel.answer(body)));
    }

    @Post(uri = "/{route}/endless", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<byte[]> endless(String route, @Body byte[] body) {
      List<byte[]> events = EchoModel.events(EchoModel.answer(body));
      return Flux.concat(Flux.fromIterable(events.subList(0, events.size() - 2)),
              Flux.interval(Duration.ofMillis(20)).map(i -> EchoModel.event(" more")))
          .doOnCancel(() -> cancelled.countDown());
    }

    @Post(uri = "/annotated/answer")
    @LockLLMProtected
    JsonNode annotated(@Body byte[] body) {
      // an object Micronaut writes as JSON
      return EchoModel.read(EchoModel.completion(EchoModel.answer(body)));
    }
  }
}
