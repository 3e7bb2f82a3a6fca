package com.lockllm.intercept;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.extract.BodyRewriter;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.proxy.ProxyResponseHeaders;
import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.PromptSegment;
import com.lockllm.scan.RoutingInfo;
import com.lockllm.scan.ScanResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last part of the request path: turns the scanner's answer into a decision, rewriting the body
 * where the answer says so (PII {@code strip}, a compression, a routed model), and applies the
 * {@link FailMode} to anything that failed on the way.
 */
final class Judge {
  private static final Logger log = LoggerFactory.getLogger(Judge.class);

  private final FailMode failMode;

  Judge(FailMode failMode) {
    this.failMode = failMode;
  }

  InterceptDecision decide(Prepared prepared, Scanned scanned, Behaviour behaviour) {
    if (behaviour.failure() != null && failMode == FailMode.CLOSED) {
      return unavailable(prepared, behaviour.failure());
    }
    ScanResponse response = scanned.verdict();
    if (behaviour.warning() != null) {
      response = response.toBuilder()
          .abuseWarnings(AbuseWarning.combine(response.abuseWarnings(), behaviour.warning()))
          .build();
    }
    LockLLMException blocked = Verdicts.rejection(response, prepared.options());
    if (blocked != null) {
      return reject(blocked, true, prepared.ignored());
    }
    // compressed from the redacted text, so it carries the first scan's redaction too
    List<String> replacement = ScanStage.compressedSegments(prepared, scanned.first());
    PiiResult pii = scanned.lastPii();
    if (pii != null && Boolean.TRUE.equals(pii.detected()) && prepared.options().piiAction() == PiiAction.STRIP) {
      replacement = pii.redactedSegments();
      if (replacement == null || replacement.size() != prepared.scanRequest().segments().size()) {
        return failed(prepared, new IllegalStateException(
            "scanner found personal data under strip but returned no per-segment redaction"));
      }
    }
    byte[] body = prepared.body();
    boolean rewritten = false;
    if (replacement != null) {
      List<PromptSegment> segments = prepared.scanRequest().segments();
      for (int i = 0; i < segments.size() && !rewritten; i++) {
        rewritten = !segments.get(i).text().equals(replacement.get(i));
      }
      if (rewritten) {
        body = BodyRewriter.rewrite(body, segments, replacement);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>(ProxyResponseHeaders.headersFor(response, prepared.options()));
    if (prepared.unscanned() != null) {
      headers = new LinkedHashMap<>(ProxyResponseHeaders.withUnscanned(headers, prepared.unscanned()));
    }
    RoutingInfo routing = response.routing();
    if (routing != null && routing.selectedModel() != null) {
      PromptSegment model = BodyRewriter.topLevelString(body, "model");
      if (model != null && !model.text().equals(routing.selectedModel())) {
        body = BodyRewriter.replaceTopLevelString(body, "model", routing.selectedModel());
        rewritten = true;
        headers.put(LockLLMHeaders.ORIGINAL_MODEL, model.text());
      }
    }
    ignoredHeader(prepared.ignored(), headers);
    return new InterceptDecision.Proceed(body, rewritten, response, headers, behaviour.failure());
  }

  /** The answer to a scan that failed or timed out: a verdict the remote API gave, else the fail mode's. */
  InterceptDecision failed(Prepared prepared, Throwable failure) {
    if (failure instanceof LockLLMException e && e.isVerdict()) {
      // The remote API blocked the prompt itself: that is a verdict, not a failure.
      return reject(e, true, prepared.ignored());
    }
    log.warn("LockLLM scan failed ({}); failing {}", describe(failure), failMode == FailMode.OPEN ? "open" : "closed");
    return unavailable(prepared, failure);
  }

  /** The fail mode's answer to a failed scan or counter store (each logged where it failed). */
  private InterceptDecision unavailable(Prepared prepared, Throwable failure) {
    if (failMode == FailMode.OPEN) {
      Map<String, String> headers = new LinkedHashMap<>(ProxyResponseHeaders.unscannedHeaders());
      ignoredHeader(prepared.ignored(), headers);
      return new InterceptDecision.Proceed(prepared.body(), false, null, headers, failure);
    }
    return reject(LockLLMException.scannerUnavailable("Prompt scanning is unavailable; the request was not forwarded"),
        false, prepared.ignored());
  }

  static InterceptDecision reject(LockLLMException error, boolean blocked, List<String> ignored) {
    ErrorResponse response = LockLLMErrors.toResponse(error);
    if (blocked || !ignored.isEmpty()) {
      Map<String, String> headers = new LinkedHashMap<>(response.headers());
      if (blocked) {
        headers.put(LockLLMHeaders.BLOCKED, "true");
      }
      ignoredHeader(ignored, headers);
      response = new ErrorResponse(response.status(), response.body(), headers);
    }
    return new InterceptDecision.Reject(error, response);
  }

  static String describe(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return "timed out";
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  /** Names the client's loosening headers that were not honoured, so the client can tell. */
  private static void ignoredHeader(List<String> ignored, Map<String, String> headers) {
    if (!ignored.isEmpty()) {
      headers.put(LockLLMHeaders.IGNORED_HEADERS, String.join(", ", ignored));
    }
  }
}
