package com.lockllm.intercept;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMException;
import com.lockllm.output.AnswerContext;
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
   * @param bodyRewritten whether PII {@code strip} or {@code mask}, a compression, a routed model or
   *     a canary rewrote the body
   * @param scanResponse the scan, or {@code null} when nothing was scanned (route not protected, no
   *     prompt text, or the scanner failed under {@link FailMode#OPEN})
   * @param responseHeaders {@code X-LockLLM-*} headers to add to the response
   * @param scanFailure what failed when {@link FailMode#OPEN} let the request through (for
   *     metrics and logs; never shown to clients): the scanner, and then {@code scanResponse} is
   *     {@code null}, or the abuse counters, and then {@code scanResponse} lacks the behavioural
   *     signals; {@code null} when nothing failed
   * @param answer what the answer side needs from this request: the placeholders PII {@code mask}
   *     put in the body and their originals, the canary added to its system prompt, its system
   *     prompt texts; {@link AnswerContext#none()} when there is none of it. It holds personal
   *     data: never log nor cache it, and {@link AnswerContext#wipe() wipe} it when the exchange ends
   */
  record Proceed(
      byte[] body, boolean bodyRewritten, ScanResponse scanResponse, Map<String, String> responseHeaders,
      Throwable scanFailure, AnswerContext answer)
      implements InterceptDecision {
    public Proceed {
      responseHeaders = Map.copyOf(responseHeaders);
      answer = answer == null ? AnswerContext.none() : answer;
    }

    /** A decision with nothing for the answer side. */
    public Proceed(byte[] body, boolean bodyRewritten, ScanResponse scanResponse, Map<String, String> responseHeaders,
        Throwable scanFailure) {
      this(body, bodyRewritten, scanResponse, responseHeaders, scanFailure, AnswerContext.none());
    }

    /** A decision with no scan failure and nothing for the answer side. */
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
   * @param scanResponse the scan that blocked the request, for metrics and the decision log; {@code
   *     null} when it was refused before or without a scan
   */
  record Reject(LockLLMException error, ErrorResponse response, ScanResponse scanResponse)
      implements InterceptDecision {
    /** A refusal without a scan. */
    public Reject(LockLLMException error, ErrorResponse response) {
      this(error, response, null);
    }
  }
}
