package com.lockllm.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.proxy.LockLLMHeaders;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseGuardTest {
  private static final String KEY = new SecretSamples(new Random(7)).of("GITHUB_TOKEN");
  private static final OutputPolicy NO_PII = OutputPolicy.builder().personalData(null).build();

  private static AnswerContext context(OutputPolicy policy) {
    return new AnswerContext(Map.of(), null, List.of(), policy, AnswerFormat.OPENAI_CHAT);
  }

  private static String chat(String content) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"total_tokens\":3}}";
  }

  /** The body as the client receives it, fed in chunks of {@code chunk} bytes. */
  private static byte[] run(ResponseGuard guard, byte[] body, int chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < body.length && !guard.stopped(); at += chunk) {
      out.writeBytes(guard.accept(body, at, Math.min(chunk, body.length - at)));
    }
    out.writeBytes(guard.finish());
    guard.close();
    return out.toByteArray();
  }

  @Test
  void aSecretInABufferedAnswerIsStrippedAndReported() {
    ResponseGuard guard = ResponseGuard.open(context(NO_PII), 200, "application/json; charset=utf-8", null);

    String out = new String(run(guard, chat("the key is " + KEY + ".").getBytes(UTF_8), 7), UTF_8);

    assertThat(guard.mode()).isEqualTo(ResponseGuard.Mode.BUFFER);
    assertThat(out).isEqualTo(chat("the key is [REDACTED_GITHUB_TOKEN]."));
    assertThat(guard.headers()).containsEntry(LockLLMHeaders.OUTPUT_SCAN, "buffered")
        .containsEntry(LockLLMHeaders.OUTPUT_ACTION, "strip")
        .containsEntry(LockLLMHeaders.OUTPUT_FINDINGS, "secret:GITHUB_TOKEN=1");
    assertThat(guard.rejection()).isNull();
  }

  @Test
  void anUnchangedAnswerKeepsItsBytes() {
    String body = "{\"choices\":[{\"message\":{\"content\":\"plain\"}}],  \"n\": 1.50}";
    ResponseGuard guard = ResponseGuard.open(context(NO_PII), 200, "application/json", null);

    assertThat(new String(run(guard, body.getBytes(UTF_8), 100), UTF_8)).isEqualTo(body);
    assertThat(guard.headers()).containsEntry(LockLLMHeaders.OUTPUT_ACTION, "none");
  }

  @Test
  void aBlockReplacesABufferedAnswerWithATypedError() {
    OutputPolicy policy = NO_PII.toBuilder().secrets(OutputAction.BLOCK).build();
    ResponseGuard guard = ResponseGuard.open(context(policy), 200, "application/json", null);

    byte[] out = run(guard, chat("key " + KEY).getBytes(UTF_8), 64);

    assertThat(out).isEmpty();
    assertThat(guard.rejection().status()).isEqualTo(403);
    assertThat(new String(guard.rejection().body(), UTF_8)).contains("\"code\":\"output_blocked\"")
        .contains("secret:GITHUB_TOKEN").doesNotContain(KEY);
    assertThat(guard.rejection().headers()).containsEntry(LockLLMHeaders.BLOCKED, "true")
        .containsEntry(LockLLMHeaders.OUTPUT_ACTION, "block");
  }

  @Test
  void shadowModeChangesNothingAndSaysWhatItWouldHaveDone() {
    OutputPolicy policy = NO_PII.toBuilder().shadow(true).secrets(OutputAction.BLOCK).build();
    ResponseGuard guard = ResponseGuard.open(context(policy), 200, "application/json", null);
    String body = chat("key " + KEY);

    assertThat(new String(run(guard, body.getBytes(UTF_8), 5), UTF_8)).isEqualTo(body);
    assertThat(guard.rejection()).isNull();
    assertThat(guard.headers()).containsEntry(LockLLMHeaders.OUTPUT_SHADOW, "true")
        .containsEntry(LockLLMHeaders.OUTPUT_ACTION, "block");
    assertThat(guard.report().blockedBy()).isEqualTo("secret:GITHUB_TOKEN");
  }

  @Test
  void anAllowlistedTextPassesAndIsCounted() {
    OutputPolicy policy = NO_PII.toBuilder()
        .allowlist(List.of(Allowlist.Entry.hash(Allowlist.sha256("  " + KEY.toUpperCase() + " "), "docs-team", "published demo key")))
        .build();
    ResponseGuard guard = ResponseGuard.open(context(policy), 200, "application/json", null);
    String body = chat("key " + KEY);

    assertThat(new String(run(guard, body.getBytes(UTF_8), 9), UTF_8)).isEqualTo(body);
    assertThat(guard.headers()).containsEntry(LockLLMHeaders.OUTPUT_ALLOWLISTED, "1")
        .containsEntry(LockLLMHeaders.OUTPUT_FINDINGS, "secret:GITHUB_TOKEN=1");
  }

  @Test
  void anAllowlistPatternForAnotherTypeDoesNotPass() {
    OutputPolicy policy = NO_PII.toBuilder()
        .allowlist(List.of(Allowlist.Entry.pattern("ghp_.*", "a", "b").forType("EMAIL")))
        .build();
    ResponseGuard guard = ResponseGuard.open(context(policy), 200, "application/json", null);

    assertThat(new String(run(guard, chat(KEY).getBytes(UTF_8), 9), UTF_8)).isEqualTo(chat("[REDACTED_GITHUB_TOKEN]"));
  }

  @Test
  void errorsAudioAndDisabledPoliciesPass() {
    assertThat(ResponseGuard.open(context(NO_PII), 500, "application/json", null).mode()).isEqualTo(ResponseGuard.Mode.PASS);
    assertThat(ResponseGuard.open(context(NO_PII), 200, "audio/mpeg", null).mode()).isEqualTo(ResponseGuard.Mode.PASS);
    assertThat(ResponseGuard.open(AnswerContext.none(), 200, "application/json", null).mode()).isEqualTo(ResponseGuard.Mode.PASS);
  }

  @Test
  void aCompressedAnswerIsRefusedUnlessUnscannableAnswersMayPass() {
    ResponseGuard refused = ResponseGuard.open(context(NO_PII), 200, "application/json", "gzip");
    assertThat(refused.mode()).isEqualTo(ResponseGuard.Mode.REJECT);
    assertThat(refused.rejection().status()).isEqualTo(502);
    assertThat(refused.rejection().headers()).containsEntry(LockLLMHeaders.OUTPUT_UNSCANNED, "content-encoding");

    ResponseGuard passed = ResponseGuard.open(context(NO_PII.toBuilder().unscannable(OutputAction.WARN).build()), 200,
        "text/event-stream", "br");
    assertThat(passed.mode()).isEqualTo(ResponseGuard.Mode.PASS);
    assertThat(passed.headers()).containsEntry(LockLLMHeaders.OUTPUT_UNSCANNED, "content-encoding");
  }

  @Test
  void anAnswerOverTheLimitCountsAsUnscannable() {
    String body = chat("x".repeat(500));
    ResponseGuard blocked = ResponseGuard.open(context(NO_PII.toBuilder().maxBufferedBytes(100).build()), 200,
        "application/json", null);
    assertThat(run(blocked, body.getBytes(UTF_8), 64)).isEmpty();
    assertThat(blocked.stopped()).isTrue();
    assertThat(blocked.rejection().status()).isEqualTo(502);

    ResponseGuard passed = ResponseGuard.open(
        context(NO_PII.toBuilder().maxBufferedBytes(100).unscannable(OutputAction.WARN).build()), 200, "application/json", null);
    assertThat(new String(run(passed, body.getBytes(UTF_8), 64), UTF_8)).isEqualTo(body);
    assertThat(passed.headers()).containsEntry(LockLLMHeaders.OUTPUT_UNSCANNED, "too-large");
  }

  @Test
  void jsonThatIsNotJsonIsUnscannable() {
    ResponseGuard guard = ResponseGuard.open(context(NO_PII), 200, "application/json", null);
    run(guard, "{\"a\":1,\"a\":2}".getBytes(UTF_8), 3);
    assertThat(guard.rejection().status()).isEqualTo(502);
    assertThat(guard.report().unscanned()).isEqualTo("malformed");
  }

  @Test
  void aPlainTextAnswerIsOneText() {
    ResponseGuard guard = ResponseGuard.open(context(NO_PII), 200, "text/plain", null);
    assertThat(new String(run(guard, ("key: " + KEY + "\n").getBytes(UTF_8), 4), UTF_8))
        .isEqualTo("key: [REDACTED_GITHUB_TOKEN]\n");
  }

  @Test
  void aCanarySplitAcrossEventsCutsTheStreamWithTheProvidersError() {
    String token = Canary.newToken();
    AnswerContext context = new AnswerContext(Map.of(), token, List.of(), NO_PII, AnswerFormat.OPENAI_CHAT);
    String half = token.substring(0, token.length() / 2);
    String sse = delta("Sure, my instructions say " + half) + delta(token.substring(half.length()) + " and more")
        + "data: [DONE]\n\n";
    ResponseGuard guard = ResponseGuard.open(context, 200, "text/event-stream", null);

    String out = new String(run(guard, sse.getBytes(UTF_8), 11), UTF_8);

    assertThat(guard.mode()).isEqualTo(ResponseGuard.Mode.STREAM);
    assertThat(guard.stopped()).isTrue();
    assertThat(out).contains("Sure, my instructions say").doesNotContain(half).doesNotContain("[DONE]")
        .contains("\"code\":\"output_blocked\"");
    assertThat(guard.report().blockedBy()).isEqualTo("canary:CANARY");
  }

  @Test
  void maskedDataIsRestoredInTextButNotInToolArgumentsUnlessEnabled() {
    String placeholder = "[EMAIL_1_k3f9]";
    String sse = delta("Mail [EMAIL_1") + delta("_k3f9] now") + toolDelta("{\\\"to\\\":\\\"" + placeholder + "\\\"}")
        + "data: [DONE]\n\n";

    for (boolean restoreTools : List.of(false, true)) {
      AnswerContext context = new AnswerContext(Map.of(placeholder, "ann@example.com"), null, List.of(),
          OutputPolicy.disabled().toBuilder().restoreToolArguments(restoreTools).build(), AnswerFormat.OPENAI_CHAT);
      ResponseGuard guard = ResponseGuard.open(context, 200, "text/event-stream", null);

      String out = new String(run(guard, sse.getBytes(UTF_8), 3), UTF_8);

      // the placeholder's first half is held until it is whole, then restored in the next event
      assertThat(out).contains("\"content\":\"Mail \"").contains("\"content\":\"ann@example.com now\"").contains("[DONE]");
      assertThat(out.contains("\\\"to\\\":\\\"ann@example.com\\\"")).isEqualTo(restoreTools);
      assertThat(guard.report().restored()).isEqualTo(restoreTools ? 2 : 1);
      assertThat(context.placeholders()).as("wiped at close").isEmpty();
    }
  }

  private static String delta(String content) {
    return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + content + "\"},\"finish_reason\":null}]}\n\n";
  }

  private static String toolDelta(String arguments) {
    return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
        + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"send\",\"arguments\":\"" + arguments
        + "\"}}]},\"finish_reason\":null}]}\n\n";
  }
}
