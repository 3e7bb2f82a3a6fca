package com.lockllm.decision;

import com.fasterxml.jackson.core.JsonGenerator;
import com.lockllm.internal.Json;
import com.lockllm.output.OutputReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON line per decision to the {@value #LOGGER} logger at {@code INFO}, so an operator
 * can answer "what did we block in the last hour, for which client, in which category" from the
 * log pipeline. The line carries the {@link Decision}'s fields and never prompt or answer text:
 *
 * <pre>{@code
 * {"ts":"2026-12-06T10:15:30.120Z","kind":"request","request_id":"req_9f2c...","route":"/v1/chat/completions",
 *  "client_key":"key:ci-bot","outcome":"blocked","action":"refuse","error":"prompt_injection_detected",
 *  "status":403,"categories":{"instruction_override":97.0},"pii":{},"body_read_ms":0.041,
 *  "scan_ms":3.912,"total_ms":4.020}
 * }</pre>
 *
 * <p>A checked answer gets a line of its own, {@code "kind":"answer"}, with its request's id, route
 * and client, the answer's {@code action} ({@code block}, {@code strip}, {@code warn}, {@code none}),
 * its finding types with counts, and the {@code stripped}, {@code warned}, {@code allowlisted} and
 * {@code restored} counts, {@code blocked_by}, {@code shadow} and {@code unscanned} (why it could
 * not be read).
 *
 * <p>Requests that were let through with nothing found ({@code allowed}, {@code unscanned}) and
 * answers with nothing found are sampled at {@code sampleRate}; everything else is always written,
 * since those are the lines an operator looks for. Route the logger to its own appender with a bare {@code %msg%n} pattern to
 * get a file of JSON lines.
 */
public final class DecisionLog implements DecisionListener {
  /** The logger the lines go to. */
  public static final String LOGGER = "com.lockllm.decisions";

  private final BooleanSupplier enabled;
  private final Consumer<String> sink;
  private final double sampleRate;
  private final DoubleSupplier random;

  private DecisionLog(BooleanSupplier enabled, Consumer<String> sink, double sampleRate, DoubleSupplier random) {
    if (!(sampleRate >= 0 && sampleRate <= 1)) {
      throw new IllegalArgumentException("sampleRate must be within [0, 1], got " + sampleRate);
    }
    this.enabled = enabled;
    this.sink = sink;
    this.sampleRate = sampleRate;
    this.random = random;
  }

  /** A log that writes every flagged decision and {@code sampleRate} (0 to 1) of the others. */
  public static DecisionLog sampled(double sampleRate) {
    Logger log = LoggerFactory.getLogger(LOGGER);
    return new DecisionLog(log::isInfoEnabled, log::info, sampleRate, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** As {@link #sampled}, writing lines to {@code sink} and drawing samples from {@code random}; for tests. */
  static DecisionLog to(Consumer<String> sink, double sampleRate, DoubleSupplier random) {
    return new DecisionLog(() -> true, sink, sampleRate, random);
  }

  @Override
  public void decided(Decision decision) {
    boolean routine = decision.outcome() == Decision.Outcome.ALLOWED || decision.outcome() == Decision.Outcome.UNSCANNED;
    if (enabled.getAsBoolean() && sampled(routine)) {
      sink.accept(line(decision));
    }
  }

  @Override
  public void answered(Decision request, OutputReport answer) {
    boolean routine = answer.findings().isEmpty() && answer.unscanned() == null && answer.restored() == 0;
    if (enabled.getAsBoolean() && sampled(routine)) {
      sink.accept(line(request, answer));
    }
  }

  private boolean sampled(boolean routine) {
    return !routine || sampleRate >= 1 || (sampleRate > 0 && random.getAsDouble() < sampleRate);
  }

  /** The decision as one line of JSON. */
  static String line(Decision d) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("ts", d.timestamp().toString());
      json.writeStringField("kind", "request");
      who(json, d);
      json.writeStringField("outcome", d.outcome().tag());
      json.writeStringField("action", d.action().tag());
      optional(json, "error", d.error());
      if (d.status() != 0) {
        json.writeNumberField("status", d.status());
      }
      json.writeObjectFieldStart("categories");
      for (Map.Entry<String, Double> category : d.categories().entrySet()) {
        json.writeNumberField(category.getKey(), category.getValue());
      }
      json.writeEndObject();
      json.writeObjectFieldStart("pii");
      for (Map.Entry<String, Integer> type : d.pii().entrySet()) {
        json.writeNumberField(type.getKey(), type.getValue());
      }
      json.writeEndObject();
      optional(json, "failure", d.failure());
      millis(json, "body_read_ms", d.bodyRead());
      millis(json, "scan_ms", d.scan());
      millis(json, "total_ms", d.total());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The answer to the request {@code d} as one line of JSON. */
  static String line(Decision d, OutputReport answer) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("ts", Instant.now().toString());
      json.writeStringField("kind", "answer");
      who(json, d);
      json.writeStringField("action", answer.action());
      json.writeObjectFieldStart("findings");
      for (Map.Entry<String, Integer> finding : new TreeMap<>(answer.findings()).entrySet()) {
        json.writeNumberField(finding.getKey(), finding.getValue());
      }
      json.writeEndObject();
      json.writeNumberField("stripped", answer.stripped());
      json.writeNumberField("warned", answer.warned());
      json.writeNumberField("allowlisted", answer.allowlisted());
      json.writeNumberField("restored", answer.restored());
      optional(json, "blocked_by", answer.blockedBy());
      json.writeBooleanField("shadow", answer.shadow());
      optional(json, "unscanned", answer.unscanned());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void who(JsonGenerator json, Decision d) throws IOException {
    optional(json, "request_id", d.requestId());
    optional(json, "route", d.route());
    optional(json, "client_key", d.clientKey());
  }

  private static void optional(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  private static void millis(JsonGenerator json, String name, Duration d) throws IOException {
    json.writeNumberField(name, Math.round(d.toNanos() / 1_000.0) / 1_000.0);
  }
}
