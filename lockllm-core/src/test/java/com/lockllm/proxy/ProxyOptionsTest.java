package com.lockllm.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.RouteAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.Sensitivity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyOptionsTest {

  @Test
  void emptyOptionsGiveNoHeaders() {
    assertThat(ProxyOptions.empty().toHeaders()).isEmpty();
    assertThat(ProxyOptions.builder().build().toHeaders()).isEmpty();
  }

  @Test
  void allOptionsInOrder() {
    ProxyOptions options =
        ProxyOptions.builder()
            .scan(ScanOptions.builder()
                .scanMode(ScanMode.COMBINED)
                .scanAction(ScanAction.BLOCK)
                .policyAction(ScanAction.ALLOW_WITH_WARNING)
                .abuseAction(ScanAction.BLOCK)
                .routeAction(RouteAction.AUTO)
                .sensitivity(Sensitivity.HIGH)
                .chunk(true)
                .piiAction(PiiAction.BLOCK)
                .compression(CompressionMethod.COMPACT)
                .compressionRate(0.4)
                .build())
            .cacheResponse(true)
            .cacheTtl(3600)
            .build();

    assertThat(options.toHeaders())
        .containsExactly(
            Map.entry("X-LockLLM-Scan-Mode", "combined"),
            Map.entry("X-LockLLM-Scan-Action", "block"),
            Map.entry("X-LockLLM-Policy-Action", "allow_with_warning"),
            Map.entry("X-LockLLM-Abuse-Action", "block"),
            Map.entry("X-LockLLM-Route-Action", "auto"),
            Map.entry("X-LockLLM-Sensitivity", "high"),
            Map.entry("X-LockLLM-Cache-Response", "true"),
            Map.entry("X-LockLLM-Cache-TTL", "3600"),
            Map.entry("X-LockLLM-Chunk", "true"),
            Map.entry("X-LockLLM-PII-Action", "block"),
            Map.entry("X-LockLLM-Compression", "compact"),
            Map.entry("X-LockLLM-Compression-Rate", "0.4"));
  }

  @Test
  void partialOptions() {
    Map<String, String> headers =
        ProxyOptions.builder()
            .scan(ScanOptions.builder().scanAction(ScanAction.BLOCK).routeAction(RouteAction.AUTO).build())
            .build().toHeaders();

    assertThat(headers)
        .containsExactly(Map.entry("X-LockLLM-Scan-Action", "block"), Map.entry("X-LockLLM-Route-Action", "auto"));
  }

  @Test
  void falseBooleansAreSent() {
    assertThat(ProxyOptions.builder().cacheResponse(false).scan(ScanOptions.builder().chunk(false).build()).build().toHeaders())
        .containsExactly(Map.entry("X-LockLLM-Cache-Response", "false"), Map.entry("X-LockLLM-Chunk", "false"));
  }

  @Test
  void piiStripAndCompressionToonAndZeroTtl() {
    assertThat(
            ProxyOptions.builder()
                .scan(ScanOptions.builder().piiAction(PiiAction.STRIP).compression(CompressionMethod.TOON).build())
                .cacheTtl(0)
                .build()
                .toHeaders())
        .containsEntry("X-LockLLM-PII-Action", "strip")
        .containsEntry("X-LockLLM-Compression", "toon")
        .containsEntry("X-LockLLM-Cache-TTL", "0");
  }

  @Test
  void unsettingAFieldRemovesItsHeader() {
    ProxyOptions options = ProxyOptions.builder().scan(ScanOptions.builder().abuseAction(ScanAction.BLOCK).build()).cacheTtl(5).build();

    assertThat(ProxyOptions.from(options).scan(null).cacheTtl(null).build().toHeaders()).isEmpty();
    assertThat(ProxyOptions.from(options).build()).isEqualTo(options).hasSameHashCodeAs(options);
  }

  @Test
  void invalidValuesNameTheField() {
    assertThatThrownBy(() -> ProxyOptions.builder().cacheTtl(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cacheTtl")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> ProxyOptions.builder().cacheTtl(86_401)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void headersAreUnmodifiable() {
    assertThatThrownBy(() -> ProxyOptions.empty().toHeaders().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
