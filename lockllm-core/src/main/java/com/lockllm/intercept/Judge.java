package com.lockllm.intercept;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.extract.BodyRewriter;
import com.lockllm.output.AnswerContext;
import com.lockllm.output.Canary;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.proxy.ProxyResponseHeaders;
import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.PromptSegment;
import com.lockllm.scan.RoutingInfo;
import com.lockllm.scan.ScanResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last part of the request path: turns the scanner's answer into a decision, rewriting the body
 * where the answer says so (PII {@code strip} or {@code mask}, a compression, a routed model) and
 * where the configuration does (a canary), gathers what the answer side needs ({@link
 * AnswerContext}), and applies the {@link FailMode} to anything that failed on the way.
 *
 * <p>PII {@code mask} masks from the scanner's {@code pii:} findings ({@link Masking}). When it
 * cannot (the LockLLM API reports no spans, or a compression rewrote the text) it falls back to the
 * scanner's {@code strip} redaction: the data still never reaches the provider, but the answer
 * cannot restore it; a warning says so once per cause, without data.
 */
final class Judge {
  private static final Logger log = LoggerFactory.getLogger(Judge.class);
  /** The causes of a mask falling back to strip that have been logged. */
  private static final Set<String> MASK_FALLBACKS_LOGGED = ConcurrentHashMap.newKeySet();

  private final FailMode failMode;
  private final Canary canary;

  Judge(FailMode failMode, Canary canary) {
    this.failMode = failMode;
    this.canary = canary;
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
      return reject(blocked, true, prepared.ignored(), response);
    }
    // compressed from the redacted text, so it carries the first scan's redaction too
    List<String> replacement = ScanStage.compressedSegments(prepared, scanned.first());
    PiiAction action = prepared.options().piiAction();
    Map<String, String> placeholders = Map.of();
    if (action == PiiAction.MASK && detected(scanned.first().piiResult())) {
      Masking.Masked masked = replacement == null ? Masking.mask(prepared.scanRequest(), scanned.first().findings()) : null;
      if (masked != null && !masked.placeholders().isEmpty()) {
        replacement = masked.texts();
        placeholders = masked.placeholders();
      } else {
        maskFellBack(replacement != null ? "the prompt was compressed"
            : masked == null ? "spans outside the prompt's segments, or no free placeholder tag"
            : "the scanner reported no spans");
      }
    }
    PiiResult pii = scanned.lastPii();
    if (placeholders.isEmpty() && detected(pii) && action != null && action.forScanner() == PiiAction.STRIP) {
      replacement = pii.redactedSegments();
      if (replacement == null || replacement.size() != prepared.scanRequest().segments().size()) {
        return failed(prepared, new IllegalStateException(
            "scanner found personal data under " + action.wireName() + " but returned no per-segment redaction"));
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
    Marked marked = withCanary(prepared, body);
    return new InterceptDecision.Proceed(marked.body(), rewritten || marked.canary() != null, response, headers,
        behaviour.failure(), answerContext(prepared, placeholders, marked.canary()));
  }

  /** The answer to a scan that failed or timed out: a verdict the remote API gave, else the fail mode's. */
  InterceptDecision failed(Prepared prepared, Throwable failure) {
    if (failure instanceof LockLLMException e && e.isVerdict()) {
      // The remote API blocked the prompt itself: that is a verdict, not a failure.
      return reject(e, true, prepared.ignored(), null);
    }
    log.warn("LockLLM scan failed ({}); failing {}", describe(failure), failMode == FailMode.OPEN ? "open" : "closed");
    return unavailable(prepared, failure);
  }

  /** The fail mode's answer to a failed scan or counter store (each logged where it failed). */
  private InterceptDecision unavailable(Prepared prepared, Throwable failure) {
    if (failMode == FailMode.OPEN) {
      Map<String, String> headers = new LinkedHashMap<>(ProxyResponseHeaders.unscannedHeaders());
      ignoredHeader(prepared.ignored(), headers);
      Marked marked = withCanary(prepared, prepared.body());
      return new InterceptDecision.Proceed(marked.body(), marked.canary() != null, null, headers, failure,
          answerContext(prepared, Map.of(), marked.canary()));
    }
    return reject(LockLLMException.scannerUnavailable("Prompt scanning is unavailable; the request was not forwarded"),
        false, prepared.ignored(), null);
  }

  /** A body, and the canary token in its system prompt or {@code null}. */
  private record Marked(byte[] body, String canary) {}

  /** {@code body} with a fresh canary in its system prompt, when canaries are on and the format has one. */
  private Marked withCanary(Prepared prepared, byte[] body) {
    if (!canary.enabled()) {
      return new Marked(body, null);
    }
    String token = Canary.newToken();
    byte[] marked = SystemPromptWriter.add(body, prepared.format(), canary.text(token),
        canary.position() == Canary.Position.START);
    return marked == null ? new Marked(body, null) : new Marked(marked, token);
  }

  /** What the answer side needs: the placeholders, the canary and the request's system prompt texts. */
  private static AnswerContext answerContext(Prepared prepared, Map<String, String> placeholders, String canary) {
    List<String> systemPrompts = new ArrayList<>();
    for (PromptSegment segment : prepared.scanRequest().segments()) {
      if (PromptSegment.ROLE_SYSTEM.equals(segment.role())) {
        systemPrompts.add(segment.text());
      }
    }
    if (placeholders.isEmpty() && canary == null && systemPrompts.isEmpty() && !prepared.output().enabled()) {
      return AnswerContext.none();
    }
    return new AnswerContext(placeholders, canary, systemPrompts, prepared.output(), prepared.answerFormat());
  }

  private static boolean detected(PiiResult pii) {
    return pii != null && Boolean.TRUE.equals(pii.detected());
  }

  private static void maskFellBack(String cause) {
    if (MASK_FALLBACKS_LOGGED.add(cause)) {
      log.warn("LockLLM PII mask fell back to strip ({}): personal data is redacted but cannot be restored; "
          + "logged once", cause);
    }
  }

  static InterceptDecision reject(LockLLMException error, boolean blocked, List<String> ignored, ScanResponse scan) {
    ErrorResponse response = LockLLMErrors.toResponse(error);
    if (blocked || !ignored.isEmpty()) {
      Map<String, String> headers = new LinkedHashMap<>(response.headers());
      if (blocked) {
        headers.put(LockLLMHeaders.BLOCKED, "true");
      }
      ignoredHeader(ignored, headers);
      response = new ErrorResponse(response.status(), response.body(), headers);
    }
    return new InterceptDecision.Reject(error, response, scan);
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
