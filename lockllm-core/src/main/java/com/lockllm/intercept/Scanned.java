package com.lockllm.intercept;

import com.lockllm.scan.PiiResult;
import com.lockllm.scan.ScanResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scanner's answers: on the prompt as sent, and on the prompt as it would be forwarded when
 * the first scan rewrote it ({@code null} otherwise).
 */
record Scanned(ScanResponse first, ScanResponse second) {
  /**
   * The answer that decides: the second scan's verdict when there is one, with the first's
   * compression and routing (which only it asked for) and the personal data both found.
   */
  ScanResponse verdict() {
    if (second == null) {
      return first;
    }
    return second.toBuilder()
        .compressionResult(first.compressionResult())
        .routing(first.routing())
        .piiResult(pii(first.piiResult(), second.piiResult()))
        .build();
  }

  /** The redaction that applies: the last scan's, of the compressed text when it was scanned again. */
  PiiResult lastPii() {
    return (second != null ? second : first).piiResult();
  }

  /** The second scan's findings (and redaction) added to the first's. */
  private static PiiResult pii(PiiResult first, PiiResult second) {
    if (second == null || !Boolean.TRUE.equals(second.detected())) {
      return first;
    }
    if (first == null || !Boolean.TRUE.equals(first.detected())) {
      return second;
    }
    Set<String> types = new LinkedHashSet<>(first.entityTypes() == null ? List.of() : first.entityTypes());
    types.addAll(second.entityTypes() == null ? List.of() : second.entityTypes());
    int count = (first.entityCount() == null ? 0 : first.entityCount())
        + (second.entityCount() == null ? 0 : second.entityCount());
    return new PiiResult(true, List.copyOf(types), count, second.redactedInput(), second.redactedSegments());
  }
}
