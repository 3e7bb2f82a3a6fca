package com.lockllm.intercept;

import com.lockllm.decision.Decision;
import com.lockllm.decision.DecisionListener;
import com.lockllm.output.OutputReport;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.Finding;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.PolicyViolation;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ViolatedCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an interceptor decision into a {@link Decision} and hands it to the listeners. Only counts,
 * names and scores leave here: the scan's redactions and the body never do.
 */
final class DecisionRecorder {
  private static final Logger log = LoggerFactory.getLogger(DecisionRecorder.class);
  /** The longest client {@code X-Request-Id} taken into a decision; longer ones are someone's payload. */
  private static final int MAX_REQUEST_ID = 128;

  private final List<DecisionListener> listeners;
  private final ClientKeyResolver clientKeys;

  DecisionRecorder(List<DecisionListener> listeners, ClientKeyResolver clientKeys) {
    this.listeners = List.copyOf(listeners);
    this.clientKeys = clientKeys;
  }

  boolean active() {
    return !listeners.isEmpty();
  }

  /** The time a request started, for {@link #record}; 0 when nobody listens. */
  long start() {
    return listeners.isEmpty() ? 0 : System.nanoTime();
  }

  /**
   * Tells the listeners of {@code decision} on {@code request}.
   *
   * @param prepared the request as scanned, or {@code null} when it was decided before a scan
   * @param start when the interceptor took the request ({@link #start})
   * @param bodyRead how long reading its body took, in nanoseconds
   */
  void record(String route, InboundRequest request, Prepared prepared, InterceptDecision decision, long start,
      long bodyRead) {
    if (listeners.isEmpty()) {
      return;
    }
    long total = System.nanoTime() - start;
    Decision d;
    try {
      d = decision(route, request, prepared, decision, Duration.ofNanos(bodyRead),
          Duration.ofNanos(Math.max(0, total - bodyRead)), Duration.ofNanos(total));
    } catch (RuntimeException e) {
      log.warn("LockLLM could not describe a decision for its listeners ({})", e.getClass().getSimpleName(), e);
      return;
    }
    for (DecisionListener listener : listeners) {
      try {
        listener.decided(d);
      } catch (RuntimeException e) {
        log.warn("LockLLM decision listener {} failed", listener.getClass().getName(), e);
      }
    }
    if (decision instanceof InterceptDecision.Proceed proceed) {
      proceed.answer().reportTo(report -> answered(d, report));
    }
  }

  private void answered(Decision request, OutputReport report) {
    for (DecisionListener listener : listeners) {
      try {
        listener.answered(request, report);
      } catch (RuntimeException e) {
        log.warn("LockLLM decision listener {} failed on an answer", listener.getClass().getName(), e);
      }
    }
  }

  private Decision decision(String route, InboundRequest request, Prepared prepared, InterceptDecision decision,
      Duration bodyRead, Duration scan, Duration total) {
    Map<String, Double> categories = new HashMap<>();
    Map<String, Integer> pii = new HashMap<>();
    String clientKey = prepared != null && prepared.clientKey() != null ? prepared.clientKey() : clientKey(request);
    if (decision instanceof InterceptDecision.Reject reject) {
      ScanResponse response = reject.scanResponse();
      found(response, categories, pii);
      Decision.Outcome outcome = reject.error().isVerdict() ? Decision.Outcome.BLOCKED
          : reject.response().status() >= 500 ? Decision.Outcome.ERROR : Decision.Outcome.INVALID;
      return new Decision(Instant.now(), requestId(response, request), route, clientKey, outcome,
          Decision.Action.REFUSE, reject.error().code(), reject.response().status(), categories, pii, null,
          bodyRead, scan, total);
    }
    InterceptDecision.Proceed proceed = (InterceptDecision.Proceed) decision;
    ScanResponse response = proceed.scanResponse();
    found(response, categories, pii);
    Decision.Outcome outcome;
    if (proceed.failedOpen()) {
      outcome = Decision.Outcome.FAIL_OPEN;
    } else if (response == null) {
      outcome = Decision.Outcome.UNSCANNED;
    } else {
      outcome = categories.isEmpty() && pii.isEmpty() ? Decision.Outcome.ALLOWED : Decision.Outcome.WARNED;
    }
    return new Decision(Instant.now(), requestId(response, request), route, clientKey, outcome,
        action(prepared, proceed), null, 0, categories, pii,
        proceed.failedOpen() ? proceed.scanFailure().getClass().getSimpleName() : null, bodyRead, scan, total);
  }

  private static Decision.Action action(Prepared prepared, InterceptDecision.Proceed proceed) {
    if (!proceed.answer().placeholders().isEmpty()) {
      return Decision.Action.MASK;
    }
    ScanResponse response = proceed.scanResponse();
    if (prepared == null || response == null || !proceed.bodyRewritten()) {
      return Decision.Action.FORWARD;
    }
    PiiAction piiAction = prepared.options().piiAction();
    PiiResult piiResult = response.piiResult();
    boolean redacted = piiAction != null && piiAction.forScanner() == PiiAction.STRIP && piiResult != null
        && Boolean.TRUE.equals(piiResult.detected());
    boolean rerouted = proceed.responseHeaders().containsKey(LockLLMHeaders.ORIGINAL_MODEL);
    // bodyRewritten is also true for a canary alone, which is ours and no change to what the client sent
    return redacted || rerouted || ScanStage.compressedSegments(prepared, response) != null
        ? Decision.Action.REWRITE : Decision.Action.FORWARD;
  }

  /**
   * The categories a scan flagged and the personal-data types it found, with their highest scores
   * and counts. Span categories count only when the verdict is unsafe: a safe prompt's spans are
   * evidence weighed and dismissed, not findings (a policy-only flag is
   * named by its policy categories).
   */
  private static void found(ScanResponse response, Map<String, Double> categories, Map<String, Integer> pii) {
    if (response == null) {
      return;
    }
    boolean unsafe = response.label() == 1 || response.scanWarning() != null;
    if (unsafe) {
      categories.merge("prompt_injection", response.injection() == null ? 0 : response.injection(), Math::max);
    }
    if (response.findings() != null) {
      for (Finding finding : response.findings()) {
        if (finding.category().startsWith("pii:")) {
          pii.merge(finding.category().substring(4), 1, Integer::sum);
        } else if (unsafe) {
          categories.merge(finding.category(), finding.score(), Math::max);
        }
      }
    }
    PiiResult piiResult = response.piiResult();
    if (piiResult != null && Boolean.TRUE.equals(piiResult.detected()) && piiResult.entityTypes() != null) {
      for (String type : piiResult.entityTypes()) {
        pii.putIfAbsent(type, 0);
      }
    }
    if (response.policyWarnings() != null) {
      double score = response.policyConfidence() == null ? 0 : response.policyConfidence();
      for (PolicyViolation violation : response.policyWarnings()) {
        for (ViolatedCategory category : violation.violatedCategories()) {
          categories.merge("policy:" + category.name(), score, Math::max);
        }
      }
    }
    AbuseWarning abuse = response.abuseWarnings();
    if (abuse != null && abuse.isDetected() && abuse.abuseTypes() != null) {
      double score = abuse.confidence() == null ? 0 : abuse.confidence();
      for (String type : abuse.abuseTypes()) {
        categories.merge("abuse:" + type, score, Math::max);
      }
    }
  }

  private String clientKey(InboundRequest request) {
    if (request.clientKey() != null) {
      return request.clientKey();
    }
    try {
      return clientKeys.resolve(request);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String requestId(ScanResponse response, InboundRequest request) {
    if (response != null && response.requestId() != null) {
      return response.requestId();
    }
    String own = request.header(LockLLMHeaders.REQUEST_ID);
    return own != null && own.length() <= MAX_REQUEST_ID && own.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? own : null;
  }
}
