package com.lockllm.engine.pii;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.output.AnswerContext;
import com.lockllm.output.AnswerFormat;
import com.lockllm.output.OutputPolicy;
import com.lockllm.output.ResponseGuard;
import com.lockllm.scan.PiiAction;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Personal data in answers through the core's ResponseGuard, found by this module's check (the SPI). */
class AnswerPersonalDataTest {
  private static String delta(String content) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
  }

  private static String stream(PiiAction input, String sse) {
    AnswerContext context = new AnswerContext(Map.of(), null, List.of(), OutputPolicy.builder().build().resolvedFor(input),
        AnswerFormat.OPENAI_CHAT);
    ResponseGuard guard = ResponseGuard.open(context, 200, "text/event-stream", null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = sse.getBytes(UTF_8);
    for (int at = 0; at < bytes.length && !guard.stopped(); at += 5) {
      out.writeBytes(guard.accept(bytes, at, Math.min(5, bytes.length - at)));
    }
    out.writeBytes(guard.finish());
    guard.close();
    return out.toString(UTF_8);
  }

  @Test
  void anEmailSplitAcrossDeltasIsStrippedUnderStrip() {
    String out = stream(PiiAction.STRIP, delta("Write to ann.lee@exam") + delta("ple.com today.") + "data: [DONE]\n\n");

    assertThat(out).doesNotContain("ann.lee").doesNotContain("example.com").contains("[Email]").contains("[DONE]");
  }

  @Test
  void underBlockTheStreamEndsBeforeTheEmailWithTheProvidersError() {
    String out = stream(PiiAction.BLOCK, delta("Write to ann.lee@exam") + delta("ple.com today.") + "data: [DONE]\n\n");

    assertThat(out).contains("Write to").doesNotContain("ann.lee").contains("output_blocked").doesNotContain("[DONE]");
  }

  @Test
  void withoutAPiiActionPersonalDataIsNotChecked() {
    String sse = delta("Write to ann.lee@example.com today.") + "data: [DONE]\n\n";

    assertThat(stream(null, sse)).isEqualTo(sse);
  }
}
