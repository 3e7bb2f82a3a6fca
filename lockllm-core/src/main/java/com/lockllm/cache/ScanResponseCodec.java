package com.lockllm.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.lockllm.internal.Json;
import com.lockllm.scan.CompressionResult;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.ScanResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A {@link ScanResponse} as bytes, for caches outside the heap: the LockLLM JSON plus the
 * per-segment redactions and compressions the wire format leaves out, so a cached result can still
 * rewrite a request body.
 */
public final class ScanResponseCodec {
  private ScanResponseCodec() {}

  public static byte[] encode(ScanResponse response) {
    PiiResult pii = response.piiResult();
    try {
      CompressionResult compression = response.compressionResult();
      return Json.mapper().writeValueAsBytes(new Stored(response, pii == null ? null : pii.redactedSegments(),
          compression == null ? null : compression.compressedSegments()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a scan response always serializes", e);
    }
  }

  /** @throws UncheckedIOException when {@code bytes} were not written by {@link #encode} */
  public static ScanResponse decode(byte[] bytes) {
    Stored stored;
    try {
      stored = Json.mapper().readValue(bytes, Stored.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a stored scan response", e);
    }
    ScanResponse response = stored.response();
    ScanResponse.Builder restored = response.toBuilder();
    PiiResult pii = response.piiResult();
    if (pii != null && stored.redactedSegments() != null) {
      restored.piiResult(new PiiResult(pii.detected(), pii.entityTypes(), pii.entityCount(),
          pii.redactedInput(), stored.redactedSegments()));
    }
    CompressionResult c = response.compressionResult();
    if (c != null && stored.compressedSegments() != null) {
      restored.compressionResult(new CompressionResult(c.method(), c.compressedInput(), c.originalLength(),
          c.compressedLength(), c.compressionRatio(), stored.compressedSegments()));
    }
    return restored.build();
  }

  private record Stored(
      @JsonProperty("response") ScanResponse response,
      @JsonProperty("redacted_segments") List<String> redactedSegments,
      @JsonProperty("compressed_segments") List<String> compressedSegments) {}
}
