package com.lockllm.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the answer side of one exchange needs from its request: the personal data masked in it
 * (placeholder to original, for restoring), the canary added to its system prompt, and the system
 * prompt text (for leak spans). Holds data that must never be logged nor outlive the exchange:
 * {@link #toString()} shows none of it, and {@link #wipe()} forgets it when the exchange ends.
 * Thread-safe.
 */
public final class AnswerContext {
  private static final AnswerContext NONE = new AnswerContext(Map.of(), null, List.of());

  private final Map<String, String> placeholders;
  private final String canary;
  private final List<String> systemPrompts;
  private final OutputPolicy output;
  private final AnswerFormat format;
  private volatile boolean wiped;
  private volatile Consumer<OutputReport> reporter;

  /**
   * @param placeholders each placeholder put in the request, to the text it stands for
   * @param canary the canary token added to the system prompt, or {@code null}
   * @param systemPrompts the system prompt texts the request carried (system and developer messages)
   */
  public AnswerContext(Map<String, String> placeholders, String canary, List<String> systemPrompts) {
    this(placeholders, canary, systemPrompts, OutputPolicy.disabled(), AnswerFormat.AUTO);
  }

  /**
   * @param output the answer-side policy of the request's route, its personal-data action fixed for
   *     the request ({@link OutputPolicy#disabled()} when answers are not scanned)
   * @param format where the answer's text is: the request's format, or the route's pointers
   */
  public AnswerContext(Map<String, String> placeholders, String canary, List<String> systemPrompts, OutputPolicy output,
      AnswerFormat format) {
    this.placeholders = Collections.synchronizedMap(new LinkedHashMap<>(placeholders));
    this.canary = canary;
    this.systemPrompts = List.copyOf(Objects.requireNonNull(systemPrompts, "systemPrompts"));
    this.output = Objects.requireNonNull(output, "output");
    this.format = Objects.requireNonNull(format, "format");
  }

  /** A request with nothing masked, no canary and no system prompt. */
  public static AnswerContext none() {
    return NONE;
  }

  /** Placeholder to original text; empty once wiped. */
  public Map<String, String> placeholders() {
    synchronized (placeholders) {
      return wiped ? Map.of() : Map.copyOf(placeholders);
    }
  }

  /** The canary token, or {@code null}. */
  public String canary() {
    return wiped ? null : canary;
  }

  /** The request's system prompt texts; empty once wiped. */
  public List<String> systemPrompts() {
    return wiped ? List.of() : systemPrompts;
  }

  /** The answer-side policy for this request: {@link OutputPolicy#disabled()} when answers pass unscanned. */
  public OutputPolicy output() {
    return output;
  }

  /** Where the answer's text is. */
  public AnswerFormat format() {
    return format;
  }

  /**
   * Where {@link ResponseGuard#close()} sends the answer's {@link OutputReport}: set once, by the
   * interceptor, for its decision listeners. Ignored on {@link #none()}, whose answers are not checked.
   */
  public void reportTo(Consumer<OutputReport> reporter) {
    Objects.requireNonNull(reporter, "reporter");
    if (this == NONE) {
      return;
    }
    synchronized (this) {
      if (this.reporter != null) {
        throw new IllegalStateException("this exchange already reports its answer");
      }
      this.reporter = reporter;
    }
  }

  /** Hands the checked answer's report to the reporter, if any. */
  void report(OutputReport report) {
    Consumer<OutputReport> to = reporter;
    if (to != null) {
      to.accept(report);
    }
  }

  /** Forgets the masked data: called when the exchange ends, answered or not. */
  public void wipe() {
    wiped = true;
    placeholders.clear();
  }

  /** Counts only: the values are personal data. */
  @Override
  public String toString() {
    return "AnswerContext[" + placeholders.size() + " placeholders, canary " + (canary == null ? "none" : "set")
        + ", " + systemPrompts.size() + " system prompts, output " + (output.enabled() ? format : "off") + (wiped ? ", wiped" : "") + "]";
  }
}
