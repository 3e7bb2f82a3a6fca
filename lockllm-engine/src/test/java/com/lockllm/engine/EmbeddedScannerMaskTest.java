package com.lockllm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.intercept.InboundRequest;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.output.OutputChecks;
import com.lockllm.output.PlaceholderCheck;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PII {@code mask} end to end on the embedded engine's own findings. */
class EmbeddedScannerMaskTest {
  @Test
  void masksAnEmailAndAPhoneNumberInAChatBodyAndTheAnswerRestoresThem() throws Exception {
    String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Support desk.\"},"
        + "{\"role\":\"user\",\"content\":\"I am ann@example.com, call me at (415) 555-2671. Mail ann@example.com too.\"}]}";
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(EmbeddedScanner.create())
        .options(ScanOptions.builder().piiAction(PiiAction.MASK).build()).build();

    InterceptDecision.Proceed proceed = (InterceptDecision.Proceed) interceptor.intercept(
        InboundRequest.builder("POST", "/v1/chat/completions").header("Content-Type", "application/json")
            .body(body.getBytes(StandardCharsets.UTF_8)).build());

    Map<String, String> vault = proceed.answer().placeholders();
    assertThat(vault.values()).containsExactlyInAnyOrder("ann@example.com", "(415) 555-2671");
    assertThat(vault.keySet()).anyMatch(k -> k.matches("\\[EMAIL_1_[a-z2-7]{4}]"))
        .anyMatch(k -> k.matches("\\[PHONE_NUMBER_1_[a-z2-7]{4}]"));
    String email = vault.entrySet().stream().filter(e -> e.getValue().startsWith("ann")).findFirst().orElseThrow().getKey();
    String phone = vault.entrySet().stream().filter(e -> e.getValue().startsWith("(")).findFirst().orElseThrow().getKey();
    JsonNode forwarded = new ObjectMapper().readTree(proceed.body());
    assertThat(forwarded.get("messages").get(1).get("content").asText())
        .isEqualTo("I am " + email + ", call me at " + phone + ". Mail " + email + " too.");
    assertThat(forwarded.get("messages").get(0).get("content").asText()).isEqualTo("Support desk.");
    assertThat(proceed.answer().systemPrompts()).containsExactly("Support desk.");

    String answer = "Noted: I will write to " + email + " and call " + phone + ".";
    assertThat(OutputChecks.redact(answer, new PlaceholderCheck(vault).find(answer)))
        .isEqualTo("Noted: I will write to ann@example.com and call (415) 555-2671.");
  }
}
