package com.lockllm.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.lockllm.internal.Json;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.ScanResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A {@link ScanResponse} as bytes, for caches outside the heap: the LockLLM JSON plus the
 * per-segment redactions the wire format leaves out, so a cached {@code strip} result can still
 * rewrite a request body.
 */
public final class ScanResponseCodec {
  private ScanResponseCodec() {}

  public static byte[] encode(ScanResponse response) {
    PiiResult pii = response.piiResult();
    try {
      return Json.mapper().writeValueAsBytes(
          new Stored(response, pii == null ? null : pii.redactedSegments()));
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
    PiiResult pii = response.piiResult();
    if (pii == null || stored.redactedSegments() == null) {
      return response;
    }
    return response.toBuilder()
        .piiResult(new PiiResult(pii.detected(), pii.entityTypes(), pii.entityCount(),
            pii.redactedInput(), stored.redactedSegments()))
        .build();
  }

  private record Stored(
      @JsonProperty("response") ScanResponse response,
      @JsonProperty("redacted_segments") List<String> redactedSegments) {}
}
