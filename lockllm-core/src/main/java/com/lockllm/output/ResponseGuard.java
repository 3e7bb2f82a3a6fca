package com.lockllm.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.error.ConfigurationException;
import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.UpstreamException;
import com.lockllm.proxy.LockLLMHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards one HTTP answer of a protected exchange, whatever the framework: the adapter opens it with
 * the answer's status and headers, passes every body byte through {@link #accept}, writes what comes
 * back, and ends with {@link #finish} and {@link #close}. Not thread-safe, but {@link #close} may be
 * called from another thread (a disconnect).
 *
 * <p>What it does depends on the answer ({@link #mode()}): a 2xx {@code text/event-stream} is
 * checked event by event ({@link SseAnswerGuard}: nothing reaches the client before the checks have
 * passed it, a block ends the stream with the provider's error event); a 2xx JSON or text answer is
 * held whole up to the policy's {@link OutputPolicy#maxBufferedBytes()}, checked, and written
 * redacted or replaced by a 403 {@code output_blocked} error; any other status or type (errors,
 * audio, images) passes. An answer it cannot read (compressed, too large, not the JSON it says it
 * is, not UTF-8) gets the policy's {@link OutputPolicy#unscannable()} action: an error in its place,
 * or passed with {@code X-LockLLM-Output-Unscanned}. Under shadow mode nothing is rewritten nor
 * blocked, and the headers and the decision line say what would have been.
 *
 * <p>{@link #headers()} are the {@code X-LockLLM-Output-*} headers to add; they are final before
 * the first non-empty bytes {@link #accept} or {@link #finish} return, so an adapter sets them then.
 * Unless the mode is {@link Mode#PASS}, the body's length changes: drop the upstream's {@code
 * Content-Length}. One decision line per answer goes to the {@code com.lockllm.output.decisions}
 * logger (counts only); {@link #close} wipes the request's {@link AnswerContext}.
 */
public final class ResponseGuard {
  private static final Logger decisions = LoggerFactory.getLogger("com.lockllm.output.decisions");
  private static final byte[] NOTHING = new byte[0];
  private static volatile OutputCheck personalDataCheck;

  /** What the guard does with an answer. */
  public enum Mode {
    /** Not checked: written as it comes. */
    PASS,
    /** Server-sent events, checked as they arrive. */
    STREAM,
    /** Held whole, checked, then written (or replaced). */
    BUFFER,
    /** Refused before any byte: answer {@link #rejection()} instead. */
    REJECT
  }

  private final AnswerContext context;
  private final OutputPolicy policy;
  private final AnswerChecks checks;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private Mode mode;
  private SseAnswerGuard stream;
  private ByteArrayOutputStream held;
  private boolean json;
  /** buffered, past the size limit, under WARN: written as it comes */
  private boolean overflowed;
  private boolean stopped;
  private ErrorResponse rejection;
  private boolean closed;

  private ResponseGuard(AnswerContext context, AnswerChecks checks) {
    this.context = context;
    this.policy = context.output();
    this.checks = checks;
  }

  /**
   * The guard of an answer to a request decided with {@code context} ({@link
   * com.lockllm.intercept.InterceptDecision.Proceed#answer()}).
   *
   * @param status the answer's HTTP status
   * @param contentType its {@code Content-Type}, or {@code null}
   * @param contentEncoding its {@code Content-Encoding}, or {@code null}
   */
  public static ResponseGuard open(AnswerContext context, int status, String contentType, String contentEncoding) {
    Objects.requireNonNull(context, "context");
    OutputPolicy policy = context.output();
    if (!applies(context) || status < 200 || status > 299 || status == 204) {
      return passing(context);
    }
    String type = mediaType(contentType);
    boolean sse = type.equals("text/event-stream");
    boolean jsonType = type.isEmpty() || type.equals("application/json") || type.endsWith("+json");
    boolean text = type.startsWith("text/") || type.equals("application/x-ndjson");
    if (!sse && !jsonType && !text) {
      return passing(context);
    }
    AnswerChecks checks;
    try {
      // the interceptor resolves the policy for the request's PII action; one still following it knows none
      OutputAction personalData = policy.enabled() && !policy.personalDataFollowsInput() ? policy.personalData() : null;
      checks = new AnswerChecks(policy, context, personalData, personalData == null ? null : personalDataCheck(),
          policy.shared());
    } catch (ConfigurationException e) {
      ResponseGuard guard = new ResponseGuard(context, null);
      return guard.unreadable("no-personal-data-check");
    }
    ResponseGuard guard = new ResponseGuard(context, checks);
    if (!checks.active()) {
      guard.mode = Mode.PASS;
      return guard;
    }
    if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.trim().equalsIgnoreCase("identity")) {
      return guard.unreadable("content-encoding");
    }
    if (policy.shadow()) {
      guard.headers.put(LockLLMHeaders.OUTPUT_SHADOW, "true");
    }
    if (sse) {
      guard.mode = Mode.STREAM;
      guard.stream = new SseAnswerGuard(context.format(), checks);
      guard.headers.put(LockLLMHeaders.OUTPUT_SCAN, "streamed");
    } else {
      guard.mode = Mode.BUFFER;
      guard.json = jsonType;
      guard.held = new ByteArrayOutputStream();
      guard.headers.put(LockLLMHeaders.OUTPUT_SCAN, "buffered");
    }
    return guard;
  }

  /**
   * Whether answers to a request decided with {@code context} may be checked at all: its policy is
   * on, or it masked personal data or carries a canary. An adapter need not wrap the response of a
   * request for which this is false (every answer passes), but must still {@link AnswerContext#wipe()} it.
   */
  public static boolean applies(AnswerContext context) {
    return context.output().enabled() || !context.placeholders().isEmpty() || context.canary() != null;
  }

  private static ResponseGuard passing(AnswerContext context) {
    ResponseGuard guard = new ResponseGuard(context, null);
    guard.mode = Mode.PASS;
    return guard;
  }

  /** An answer that cannot be read: refused, or passed and marked. */
  private ResponseGuard unreadable(String reason) {
    if (markUnscanned(reason)) {
      mode = Mode.REJECT;
      rejection = unreadableResponse(reason);
    } else {
      mode = Mode.PASS;
    }
    return this;
  }

  /** Records that the answer could not be read, in the report and the headers; whether the policy refuses it. */
  private boolean markUnscanned(String reason) {
    if (checks != null) {
      checks.tally().unscanned(reason);
    }
    headers.put(LockLLMHeaders.OUTPUT_SCAN, "unscanned");
    headers.put(LockLLMHeaders.OUTPUT_UNSCANNED, reason);
    return policy.unscannable() == OutputAction.BLOCK && !policy.shadow();
  }

  /** The 502 sent in place of an answer that could not be read. */
  private ErrorResponse unreadableResponse(String reason) {
    return withHeaders(LockLLMErrors.toResponse(
        new UpstreamException("The model's answer could not be checked (" + reason + ")", null, null, null)));
  }

  private static OutputCheck personalDataCheck() {
    OutputCheck check = personalDataCheck;
    if (check == null) {
      synchronized (ResponseGuard.class) {
        check = personalDataCheck;
        if (check == null) {
          check = PersonalDataCheckProvider.load();
          personalDataCheck = check;
        }
      }
    }
    return check;
  }

  public Mode mode() {
    return mode;
  }

  /** The answer to send instead, under {@link Mode#REJECT} or when {@link #finish} replaced a buffered answer; else {@code null}. */
  public ErrorResponse rejection() {
    return rejection;
  }

  /** The {@code X-LockLLM-Output-*} headers to add (see the class comment for when they are final). */
  public Map<String, String> headers() {
    return Map.copyOf(headers);
  }

  /** Whether the answer has ended early (a block, or an answer too large to hold): stop reading the upstream. */
  public boolean stopped() {
    return stopped;
  }

  /**
   * The bytes to write now for {@code length} bytes of the body at {@code offset}.
   *
   * @throws IllegalStateException under {@link Mode#REJECT}
   */
  public byte[] accept(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    switch (mode) {
      case PASS -> {
        return Arrays.copyOfRange(bytes, offset, offset + length);
      }
      case STREAM -> {
        byte[] out = stream.accept(bytes, offset, length);
        stopped = stream.stopped();
        return out;
      }
      case BUFFER -> {
        return buffer(bytes, offset, length);
      }
      default -> throw new IllegalStateException("a rejected answer has no body to write");
    }
  }

  private byte[] buffer(byte[] bytes, int offset, int length) {
    if (overflowed) {
      return Arrays.copyOfRange(bytes, offset, offset + length);
    }
    if (stopped) {
      return NOTHING;
    }
    if (held.size() + (long) length <= policy.maxBufferedBytes()) {
      held.write(bytes, offset, length);
      return NOTHING;
    }
    if (markUnscanned("too-large")) {
      stopped = true;
      held = null;
      return NOTHING;
    }
    overflowed = true;
    held.write(bytes, offset, length);
    byte[] out = held.toByteArray();
    held = null;
    return out;
  }

  /**
   * Ends the body: the bytes still to write. For a buffered answer replaced by an error, returns
   * nothing and {@link #rejection()} is the answer to send instead (status, body and headers, the
   * output headers included). Call it also after {@link #stopped()}: a buffered answer's rejection
   * is known only then.
   */
  public byte[] finish() {
    switch (mode) {
      case STREAM -> {
        byte[] out = stopped ? NOTHING : stream.finish();
        stopped = stream.stopped();
        return out;
      }
      case BUFFER -> {
        return finishBuffered();
      }
      default -> {
        return NOTHING;
      }
    }
  }

  private byte[] finishBuffered() {
    if (overflowed) {
      return NOTHING;
    }
    if (stopped) {
      rejection = unreadableResponse("too-large");
      return NOTHING;
    }
    byte[] body = held.toByteArray();
    held = null;
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return unreadableBody(body, "malformed");
    }
    JsonNode tree = null;
    if (json && !text.isBlank()) {
      try {
        tree = AnswerJson.read(text);
      } catch (JsonProcessingException e) {
        return unreadableBody(body, "malformed");
      }
    }
    if (tree != null) {
      if (!context.format().guard(tree, checks)) {
        return blocked();
      }
      reportHeaders();
      return changed() ? AnswerJson.write(tree).getBytes(StandardCharsets.UTF_8) : body;
    }
    AnswerChannel channel = checks.open(ChannelKind.TEXT);
    String out = channel.accept(text);
    if (!channel.stopped()) {
      out += channel.finish();
    }
    if (channel.stopped()) {
      return blocked();
    }
    reportHeaders();
    return changed() ? out.getBytes(StandardCharsets.UTF_8) : body;
  }

  private byte[] unreadableBody(byte[] body, String reason) {
    if (markUnscanned(reason)) {
      rejection = unreadableResponse(reason);
      return NOTHING;
    }
    return body;
  }

  private boolean changed() {
    OutputReport report = checks.tally().report();
    return !policy.shadow() && report.stripped() > 0 || report.restored() > 0;
  }

  private byte[] blocked() {
    stopped = true;
    reportHeaders();
    ErrorResponse error = LockLLMErrors.toResponse(checks.blocked());
    Map<String, String> blockedHeaders = new LinkedHashMap<>(error.headers());
    blockedHeaders.put(LockLLMHeaders.BLOCKED, "true");
    rejection = withHeaders(new ErrorResponse(error.status(), error.body(), blockedHeaders));
    return NOTHING;
  }

  /** The report's headers (a buffered answer's, known once it is checked). */
  private void reportHeaders() {
    OutputReport report = checks.tally().report();
    headers.put(LockLLMHeaders.OUTPUT_ACTION, report.action());
    if (!report.findings().isEmpty()) {
      headers.put(LockLLMHeaders.OUTPUT_FINDINGS, report.findingsHeader());
    }
    if (report.restored() > 0) {
      headers.put(LockLLMHeaders.OUTPUT_RESTORED, Integer.toString(report.restored()));
    }
    if (report.allowlisted() > 0) {
      headers.put(LockLLMHeaders.OUTPUT_ALLOWLISTED, Integer.toString(report.allowlisted()));
    }
  }

  private ErrorResponse withHeaders(ErrorResponse response) {
    Map<String, String> all = new LinkedHashMap<>(response.headers());
    all.putAll(headers);
    return new ErrorResponse(response.status(), response.body(), all);
  }

  /** What was found and done so far (complete after {@link #finish}). */
  public OutputReport report() {
    return checks == null ? OutputReport.empty(policy.shadow()) : checks.tally().report();
  }

  /**
   * Ends the exchange, answered, failed or abandoned: hands the {@link OutputReport} to the
   * interceptor's decision listeners ({@link AnswerContext#reportTo}), logs the decision line once
   * (counts only) and wipes the request's masked data. Idempotent.
   */
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    context.wipe();
    if (checks == null) {
      return;
    }
    OutputReport report = checks.tally().report();
    context.report(report);
    if (decisions.isInfoEnabled()
        && (!report.findings().isEmpty() || report.unscanned() != null || report.restored() > 0)) {
      decisions.info("answer {} action={}{} findings=[{}] restored={} allowlisted={}{}", mode.name().toLowerCase(Locale.ROOT),
          report.action(), report.shadow() ? " (shadow, not applied)" : "", report.findingsHeader(), report.restored(),
          report.allowlisted(), report.unscanned() == null ? "" : " unscanned=" + report.unscanned());
    }
  }

  /** The media type of a {@code Content-Type}, lower case, without parameters; empty when absent. */
  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
