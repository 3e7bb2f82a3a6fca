package com.lockllm.client;

import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.PromptSegment;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanResponses;
import com.lockllm.scan.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A {@link Scanner} backed by the LockLLM API through a {@link LockLLMClient}.
 *
 * <p>Usually one call scans all segments joined. Under {@code pii_action=strip} (or {@code mask},
 * which the API is asked as {@code strip}) with several segments, each segment is scanned on its own, in parallel, so that the redacted text of each is
 * known ({@link PiiResult#redactedSegments()}) and the interceptor can rewrite each prompt field;
 * the responses are then merged by {@link ScanResponses#worstOf}.
 */
public final class RemoteScanner implements Scanner {
  private final LockLLMClient client;

  private RemoteScanner(LockLLMClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  public static RemoteScanner create(LockLLMClient client) {
    return new RemoteScanner(client);
  }

  public LockLLMClient client() {
    return client;
  }

  @Override
  public ScanResponse scan(ScanRequest request) {
    if (!perSegment(request)) {
      return withSingleRedaction(client.scan(request));
    }
    try {
      return scanAsync(request).toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public CompletionStage<ScanResponse> scanAsync(ScanRequest request) {
    if (!perSegment(request)) {
      return client.scanAsync(request).thenApply(RemoteScanner::withSingleRedaction);
    }
    List<PromptSegment> segments = request.segments();
    List<CompletableFuture<ScanResponse>> parts = new ArrayList<>(segments.size());
    for (PromptSegment segment : segments) {
      parts.add(client.scanAsync(segment.text(), request.options()).toCompletableFuture());
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(done -> merge(request, parts.stream().map(CompletableFuture::join).toList()));
  }

  @Override
  public String toString() {
    return "RemoteScanner{" + client + '}';
  }

  private static boolean perSegment(ScanRequest request) {
    PiiAction pii = request.options().piiAction();
    return pii != null && pii.forScanner() == PiiAction.STRIP && request.segments().size() > 1;
  }

  private static ScanResponse withSingleRedaction(ScanResponse response) {
    PiiResult pii = response.piiResult();
    if (pii == null || pii.redactedInput() == null) {
      return response;
    }
    return response.toBuilder()
        .piiResult(new PiiResult(pii.detected(), pii.entityTypes(), pii.entityCount(),
            pii.redactedInput(), List.of(pii.redactedInput())))
        .build();
  }

  private static ScanResponse merge(ScanRequest request, List<ScanResponse> parts) {
    List<ScanResponse> shifted = new ArrayList<>(parts.size());
    List<String> redacted = new ArrayList<>(parts.size());
    boolean anyRedaction = false;
    for (int i = 0; i < parts.size(); i++) {
      ScanResponse part = parts.get(i);
      shifted.add(ScanResponses.withFindingsOffset(part, request.segmentStart(i)));
      PiiResult pii = part.piiResult();
      if (pii != null && pii.redactedInput() != null) {
        anyRedaction = true;
        redacted.add(pii.redactedInput());
      } else {
        // Nothing was stripped from this segment: it stays as it was.
        redacted.add(request.segments().get(i).text());
      }
    }
    ScanResponse merged = ScanResponses.worstOf(shifted);
    PiiResult pii = merged.piiResult();
    if (!anyRedaction || pii == null) {
      return merged;
    }
    return merged.toBuilder()
        .piiResult(new PiiResult(pii.detected(), pii.entityTypes(), pii.entityCount(),
            String.join(ScanRequest.SEPARATOR, redacted), redacted))
        .build();
  }
}
