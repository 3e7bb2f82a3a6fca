package com.lockllm.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.OutputBlockedException;
import com.lockllm.output.Allowlist;
import com.lockllm.output.Canary;
import com.lockllm.output.OutputPolicy;
import com.lockllm.proxy.LockLLMHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The answer side every framework adapter must show, over real HTTP: the application answers as
 * each test asks ({@link ContractAnswer}, in the {@value ContractAnswer#HEADER} request header),
 * and the adapter guards the answer with the fixture's {@link ContractFixture#output()} and {@link
 * ContractFixture#canary()}. An adapter's test extends this class and implements {@link
 * #start(ContractFixture)} as for {@link AdapterContract}, its application also answering a request
 * that carries the header with {@link ContractAnswer#reply} of the body it read.
 *
 * <p>The contract: secrets and personal data are redacted in buffered answers (headers report
 * it) and in streamed ones, split across chunks, in content, tool-call arguments and reasoning; a
 * canary cuts a stream with the provider's error event and no {@code [DONE]}, and the application
 * sees its writes fail; masked request data comes back restored, but not into tool-call arguments
 * unless the policy says so; shadow mode changes nothing and reports what it would have done; an
 * allowlisted text passes; non-2xx answers pass untouched; a compressed answer is refused with
 * 502; a client that goes away mid-stream ends the application's writes.
 */
public abstract class OutputContract {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  /** A random-looking OpenAI project key, valid for the secret check. */
  public static final String SECRET = "sk-proj-q8Zr3LmW0xT5vB7nK2cY9dF4hJ6sP1gA3eR8uI0oZ";
  static final String EMAIL = "ann@example.com";
  static final String BENIGN = AdapterContract.chat("What is the capital of France?");

  private static final StartedServers SERVERS = new StartedServers();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  /** Starts the adapter's real server for {@code fixture}, as {@link AdapterContract#start} does. */
  protected abstract ContractServer start(ContractFixture fixture) throws Exception;

  /** Output scanning on with its defaults, PII {@code strip} on input (so personal data is stripped in answers). */
  protected static ContractFixture scanning() {
    return new ContractFixture("output", ContractScanners.embedded(), ContractFixture.baseSettings())
        .with("output", "pii-action", "strip")
        .withOutput("output", OutputPolicy.builder().enabled(true).build());
  }

  /** PII {@code mask}: request personal data becomes placeholders, restored in answers. */
  protected static ContractFixture masking() {
    return scanning().with("output-mask", "pii-action", "mask");
  }

  @AfterAll
  static void closeServers() throws Exception {
    SERVERS.closeAll();
  }

  @Test
  public void aSecretInABufferedAnswerIsRedactedAndReported() throws Exception {
    HttpResponse<byte[]> r = post(scanning(), BENIGN, ContractAnswer.json("Your key is " + SECRET + ", keep it."));
    assertThat(r.statusCode()).isEqualTo(200);
    String content = json(r).path("choices").path(0).path("message").path("content").asText();
    assertThat(content).isEqualTo("Your key is [REDACTED_OPENAI_API_KEY], keep it.");
    assertThat(header(r, LockLLMHeaders.OUTPUT_SCAN)).isEqualTo("buffered");
    assertThat(header(r, LockLLMHeaders.OUTPUT_ACTION)).isEqualTo("strip");
    assertThat(header(r, LockLLMHeaders.OUTPUT_FINDINGS)).isEqualTo("secret:OPENAI_API_KEY=1");
    assertThat(header(r, "Content-Length")).isIn(null, Integer.toString(r.body().length));
  }

  @Test
  public void aSecretInAPlainTextAnswerIsRedacted() throws Exception {
    HttpResponse<byte[]> r = post(scanning(), BENIGN, ContractAnswer.text("key: " + SECRET));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("key: [REDACTED_OPENAI_API_KEY]");
  }

  @Test
  public void anEmailSplitAcrossStreamChunksIsStripped() throws Exception {
    String text = "Write to " + EMAIL + " today";
    HttpResponse<byte[]> r = post(scanning(), BENIGN, ContractAnswer.sse(text, text.indexOf('@'), text.indexOf('@') + 4));
    assertThat(r.statusCode()).isEqualTo(200);
    Stream stream = Stream.of(r);
    assertThat(stream.content()).isEqualTo("Write to [Email] today");
    assertThat(stream.done()).isTrue();
    assertThat(header(r, LockLLMHeaders.OUTPUT_SCAN)).isEqualTo("streamed");
    assertThat(header(r, "Content-Type")).startsWith("text/event-stream");
  }

  @Test
  public void anEmailInReasoningDeltasIsStripped() throws Exception {
    String text = "The user is " + EMAIL + ".";
    HttpResponse<byte[]> r = post(scanning(), BENIGN,
        ContractAnswer.sse(text).every(4).in(ContractAnswer.Part.REASONING));
    Stream stream = Stream.of(r);
    assertThat(stream.reasoning()).isEqualTo("The user is [Email].");
    assertThat(stream.done()).isTrue();
  }

  @Test
  public void aSecretInToolCallArgumentDeltasIsRedacted() throws Exception {
    String arguments = "{\"to\":\"ops\",\"key\":\"" + SECRET + "\"}";
    HttpResponse<byte[]> r = post(scanning(), BENIGN,
        ContractAnswer.sse(arguments, arguments.indexOf("sk-") + 5).in(ContractAnswer.Part.TOOL_ARGUMENTS));
    Stream stream = Stream.of(r);
    assertThat(stream.arguments()).isEqualTo("{\"to\":\"ops\",\"key\":\"[REDACTED_OPENAI_API_KEY]\"}");
    assertThat(stream.done()).isTrue();
  }

  @Test
  public void aCanarySplitAcrossChunksCutsTheStreamAndEndsTheUpstream() throws Exception {
    ContractFixture canary = scanning().withCanary("output-canary", Canary.ofDefaults());
    ContractAnswer answer = ContractAnswer.sse("Sure. " + ContractAnswer.SYSTEM + " Done.").every(5)
        .trickle(20, Duration.ofMillis(10));
    HttpResponse<byte[]> r = post(canary, BENIGN, answer);
    assertThat(r.statusCode()).isEqualTo(200);
    Stream stream = Stream.of(r);
    assertThat(stream.body()).doesNotContain(Canary.TOKEN_PREFIX);
    assertThat(stream.done()).isFalse();
    JsonNode last = stream.events().get(stream.events().size() - 1);
    assertThat(last.path("error").path("code").asText()).isEqualTo(OutputBlockedException.CODE);
    assertThat(ContractAnswer.awaitClosed(answer.id(), Duration.ofSeconds(10)))
        .as("the application's writes fail after the cut").isTrue();
  }

  @Test
  public void maskedRequestDataIsRestoredInABufferedAnswer() throws Exception {
    String prompt = "Write to " + EMAIL + " about lunch";
    HttpResponse<byte[]> r = post(masking(), AdapterContract.chat(prompt), ContractAnswer.json("You said: " + ContractAnswer.USER));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("choices").path(0).path("message").path("content").asText()).isEqualTo("You said: " + prompt);
    assertThat(header(r, LockLLMHeaders.OUTPUT_RESTORED)).isEqualTo("1");
  }

  @Test
  public void maskedRequestDataIsRestoredAcrossStreamChunks() throws Exception {
    String prompt = "Write to " + EMAIL + " about lunch";
    HttpResponse<byte[]> r = post(masking(), AdapterContract.chat(prompt),
        ContractAnswer.sse("You said: " + ContractAnswer.USER).every(3));
    Stream stream = Stream.of(r);
    assertThat(stream.content()).isEqualTo("You said: " + prompt);
    assertThat(stream.done()).isTrue();
  }

  @Test
  public void maskedDataIsNotRestoredIntoToolArgumentsUnlessEnabled() throws Exception {
    String prompt = "Write to " + EMAIL + " about lunch";
    ContractAnswer answer = ContractAnswer.sse("{\"q\":\"" + ContractAnswer.USER + "\"}").every(4)
        .in(ContractAnswer.Part.TOOL_ARGUMENTS);
    String kept = Stream.of(post(masking(), AdapterContract.chat(prompt), answer)).arguments();
    assertThat(kept).doesNotContain(EMAIL).containsPattern("\\[EMAIL_1_[a-z0-9]+]");
    ContractFixture restoring = masking().withOutput("output-mask-tools",
        masking().output().toBuilder().restoreToolArguments(true).build());
    String restored = Stream.of(post(restoring, AdapterContract.chat(prompt), answer)).arguments();
    assertThat(restored).isEqualTo("{\"q\":\"" + prompt + "\"}");
  }

  @Test
  public void shadowModeChangesNothingAndReportsWhatItWouldHaveDone() throws Exception {
    ContractFixture shadow = scanning().withOutput("output-shadow", scanning().output().toBuilder().shadow(true).build());
    byte[] sent = ContractAnswer.json("Your key is " + SECRET).reply(new byte[0]).chunks().get(0);
    HttpResponse<byte[]> r = post(shadow, BENIGN, ContractAnswer.json("Your key is " + SECRET));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("choices").path(0).path("message").path("content").asText()).isEqualTo("Your key is " + SECRET);
    assertThat(r.body().length).isEqualTo(sent.length);
    assertThat(header(r, LockLLMHeaders.OUTPUT_SHADOW)).isEqualTo("true");
    assertThat(header(r, LockLLMHeaders.OUTPUT_ACTION)).isEqualTo("strip");
    assertThat(header(r, LockLLMHeaders.OUTPUT_FINDINGS)).isEqualTo("secret:OPENAI_API_KEY=1");
  }

  @Test
  public void anAllowlistedTextPassesAndIsCounted() throws Exception {
    ContractFixture allowing = scanning().withOutput("output-allowlist", scanning().output().toBuilder()
        .allowlist(List.of(Allowlist.Entry.hash(Allowlist.sha256(SECRET), "contract", "a test key"))).build());
    HttpResponse<byte[]> r = post(allowing, BENIGN, ContractAnswer.json("Your key is " + SECRET));
    assertThat(json(r).path("choices").path(0).path("message").path("content").asText()).isEqualTo("Your key is " + SECRET);
    assertThat(header(r, LockLLMHeaders.OUTPUT_ALLOWLISTED)).isEqualTo("1");
    assertThat(header(r, LockLLMHeaders.OUTPUT_ACTION)).as("passed, and reported").isEqualTo("warn");
    assertThat(header(r, LockLLMHeaders.OUTPUT_FINDINGS)).isEqualTo("secret:OPENAI_API_KEY=1");
  }

  @Test
  public void aNon2xxAnswerPassesUntouched() throws Exception {
    ContractAnswer answer = ContractAnswer.json("upstream failed with " + SECRET).withStatus(500);
    HttpResponse<byte[]> r = post(scanning(), BENIGN, answer);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo(answer.reply(new byte[0]).chunks().get(0));
    assertThat(header(r, LockLLMHeaders.OUTPUT_SCAN)).isNull();
  }

  @Test
  public void aCompressedAnswerIsRefusedWith502() throws Exception {
    HttpResponse<byte[]> r = post(scanning(), BENIGN, ContractAnswer.json("Your key is " + SECRET).gzipped());
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(header(r, "Content-Encoding")).isNull();
    assertThat(json(r).path("error").path("message").asText()).contains("content-encoding");
    assertThat(header(r, LockLLMHeaders.OUTPUT_UNSCANNED)).isEqualTo("content-encoding");
  }

  @Test
  public void aClientGoneMidStreamEndsTheUpstream() throws Exception {
    ContractAnswer answer = ContractAnswer.sse("Hello there.").trickle(400, Duration.ofMillis(25));
    URI base = server(scanning()).baseUri();
    byte[] body = BENIGN.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + AdapterContract.PROTECTED_PATH + " HTTP/1.1\r\nHost: " + base.getAuthority()
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
          + ContractAnswer.HEADER + ": " + answer.header() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder seen = new StringBuilder();
      byte[] buffer = new byte[1024];
      // the first delta after the role's: the answer is streaming (its text may be held back)
      while (seen.toString().split("data:", -1).length < 3) {
        int n = in.read(buffer);
        assertThat(n).as("the stream started: %s", seen).isPositive();
        seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    }
    assertThat(ContractAnswer.awaitClosed(answer.id(), Duration.ofSeconds(10)))
        .as("the application's writes fail once the client is gone").isTrue();
  }

  /** A POST of {@code body} to the protected route, asking the application for {@code answer}. */
  protected final HttpResponse<byte[]> post(ContractFixture fixture, String body, ContractAnswer answer) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server(fixture).baseUri().resolve(AdapterContract.PROTECTED_PATH))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header(ContractAnswer.HEADER, answer.header())
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The fixture's server, started on first use in this test class. */
  protected final ContractServer server(ContractFixture fixture) throws Exception {
    return SERVERS.get(getClass(), fixture, this::start);
  }

  private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    return OBJECT_MAPPER.readTree(r.body());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  /** A streamed answer as the client read it: its data events and the texts of their deltas. */
  record Stream(String body, List<JsonNode> events, boolean done) {
    static Stream of(HttpResponse<byte[]> r) throws IOException {
      String body = new String(r.body(), StandardCharsets.UTF_8);
      List<JsonNode> events = new java.util.ArrayList<>();
      boolean done = false;
      for (String line : body.split("\r\n|\r|\n")) {
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
          done = true;
        } else {
          events.add(OBJECT_MAPPER.readTree(data));
        }
      }
      return new Stream(body, events, done);
    }

    String content() {
      return joined("content");
    }

    String reasoning() {
      return joined("reasoning_content");
    }

    String arguments() {
      StringBuilder s = new StringBuilder();
      events.forEach(e -> e.path("choices").forEach(c -> c.path("delta").path("tool_calls")
          .forEach(t -> s.append(t.path("function").path("arguments").asText("")))));
      return s.toString();
    }

    private String joined(String field) {
      StringBuilder s = new StringBuilder();
      events.forEach(e -> e.path("choices").forEach(c -> s.append(c.path("delta").path(field).asText(""))));
      return s.toString();
    }
  }
}
