package com.lockllm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.intercept.InboundRequest;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.CompressionResult;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Compression in the engine's answer and in the body the interceptor forwards. */
class EmbeddedScannerCompressionTest {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  static final String DATA = "{\"rows\": [{\"id\": 1, \"mail\": \"ann@example.com\"}, {\"id\": 2, \"mail\": \"bo@example.org\"}]}";

  @Test
  void reportsTheCompressionInTheLockLLMShape() {
    CompressionResult c = EmbeddedScanner.create().scan(ScanRequest.of("Summarise: " + DATA.replace("ann", "x"),
        ScanOptions.builder().compression(CompressionMethod.TOON).build())).compressionResult();
    assertThat(c.method()).isEqualTo("toon");
    assertThat(c.compressedInput()).as("prose around JSON is not JSON: left alone").isNull();
    assertThat(c.compressionRatio()).isEqualTo(1.0);

    CompressionResult json = EmbeddedScanner.create().scan(ScanRequest.of(DATA,
        ScanOptions.builder().compression(CompressionMethod.TOON).build())).compressionResult();
    assertThat(json.compressedInput()).isEqualTo("rows[2]{id,mail}:\n  1,ann@example.com\n  2,bo@example.org");
    assertThat(json.originalLength()).isEqualTo(DATA.length());
    assertThat(json.compressedLength()).isEqualTo(json.compressedInput().length());
    assertThat(json.compressionRatio()).isLessThan(0.8);
  }

  @Test
  void theInterceptorForwardsTheCompressedAndRedactedPromptOnly() throws Exception {
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(EmbeddedScanner.create())
        .options(ScanOptions.builder().compression(CompressionMethod.TOON).piiAction(PiiAction.STRIP).build())
        .build();
    String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":" + OBJECT_MAPPER.valueToTree(DATA) + "}]}";
    InterceptDecision.Proceed proceed = (InterceptDecision.Proceed) interceptor.intercept(
        InboundRequest.builder("POST", "/v1/chat/completions").header("Content-Type", "application/json")
            .body(body.getBytes(StandardCharsets.UTF_8)).build());
    assertThat(proceed.bodyRewritten()).isTrue();
    JsonNode forwarded = OBJECT_MAPPER.readTree(proceed.body());
    assertThat(forwarded.path("messages").path(0).path("content").asText())
        .isEqualTo("rows[2]{id,mail}:\n  1,\"[Email]\"\n  2,\"[Email]\"");
    assertThat(forwarded.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(proceed.responseHeaders()).containsEntry(LockLLMHeaders.COMPRESSION_METHOD, "toon")
        .containsEntry(LockLLMHeaders.COMPRESSION_APPLIED, "true")
        .containsKey(LockLLMHeaders.COMPRESSION_RATIO);
  }
}
