package com.lockllm.decision;

import com.fasterxml.jackson.core.JsonGenerator;
import com.lockllm.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
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
 * {"ts":"2026-12-06T10:15:30.120Z","request_id":"req_9f2c...","route":"/v1/chat/completions",
 *  "client_key":"key:ci-bot","outcome":"blocked","action":"refuse","error":"prompt_injection_detected",
 *  "status":403,"categories":{"instruction_override":97.0},"pii":{},"body_read_ms":0.041,
 *  "scan_ms":3.912,"total_ms":4.020}
 * }</pre>
 *
 * <p>Requests that were let through with nothing found ({@code allowed}, {@code unscanned}) are
 * sampled at {@code sampleRate}; every other outcome is always written, since those are the lines
 * an operator looks for. Route the logger to its own appender with a bare {@code %msg%n} pattern to
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
    if (enabled.getAsBoolean() && sampled(decision)) {
      sink.accept(line(decision));
    }
  }

  private boolean sampled(Decision decision) {
    boolean routine = decision.outcome() == Decision.Outcome.ALLOWED || decision.outcome() == Decision.Outcome.UNSCANNED;
    return !routine || sampleRate >= 1 || (sampleRate > 0 && random.getAsDouble() < sampleRate);
  }

  /** The decision as one line of JSON. */
  static String line(Decision d) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("ts", d.timestamp().toString());
      optional(json, "request_id", d.requestId());
      optional(json, "route", d.route());
      optional(json, "client_key", d.clientKey());
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

  private static void optional(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  private static void millis(JsonGenerator json, String name, Duration d) throws IOException {
    json.writeNumberField(name, Math.round(d.toNanos() / 1_000.0) / 1_000.0);
  }
}
