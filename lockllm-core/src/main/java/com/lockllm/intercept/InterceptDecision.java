package com.lockllm.intercept;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMException;
import com.lockllm.scan.ScanResponse;
import java.util.Map;

/**
 * The interceptor's verdict on one request: {@link Proceed} or {@link Reject}. Adapters translate
 * it into their framework's terms and hold no logic of their own.
 */
public sealed interface InterceptDecision {

  /**
   * Let the request go on.
   *
   * @param body the bytes downstream must read, exactly: the body as received, or the redacted body
   *     when {@code bodyRewritten}; {@code null} when the interceptor never read it (the route is
   *     not protected) and the original request must go on untouched
   * @param bodyRewritten whether PII {@code strip}, a compression or a routed model rewrote the body
   * @param scanResponse the scan, or {@code null} when nothing was scanned (route not protected, no
   *     prompt text, or the scanner failed under {@link FailMode#OPEN})
   * @param responseHeaders {@code X-LockLLM-*} headers to add to the response
   * @param scanFailure what failed when {@link FailMode#OPEN} let the request through (for
   *     metrics and logs; never shown to clients): the scanner, and then {@code scanResponse} is
   *     {@code null}, or the abuse counters, and then {@code scanResponse} lacks the behavioural
   *     signals; {@code null} when nothing failed
   */
  record Proceed(
      byte[] body, boolean bodyRewritten, ScanResponse scanResponse, Map<String, String> responseHeaders,
      Throwable scanFailure)
      implements InterceptDecision {
    public Proceed {
      responseHeaders = Map.copyOf(responseHeaders);
    }

    /** A decision with no scan failure. */
    public Proceed(byte[] body, boolean bodyRewritten, ScanResponse scanResponse, Map<String, String> responseHeaders) {
      this(body, bodyRewritten, scanResponse, responseHeaders, null);
    }

    /** Whether the request goes on only because {@link FailMode#OPEN} forgave a failure. */
    public boolean failedOpen() {
      return scanFailure != null;
    }

    /** Whether the interceptor read the body (so the adapter must replay {@link #body()}). */
    public boolean bodyRead() {
      return body != null;
    }
  }

  /**
   * Stop the request and answer with {@code response}: the LockLLM error JSON, its status and
   * headers, rendered by {@link com.lockllm.error.LockLLMErrors#toResponse}.
   *
   * @param error the typed error, for frameworks that route errors to user handlers
   */
  record Reject(LockLLMException error, ErrorResponse response) implements InterceptDecision {}
}
