package com.lockllm.engine.injection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One signature: a precompiled pattern over normalized text (lower case, diacritics stripped,
 * whitespace collapsed), the category it is evidence for and its weight, read as the probability
 * in percent that text matching it is an attack.
 *
 * @param literals strings one of which starts every match; {@code null} when none could be
 *     derived, and the pattern then searches every text. The pattern runs only where one starts.
 * @param required strings one of which every match contains; {@code null} for none. A text
 *     without any of them is skipped, which spares rules that start with a common word.
 * @param examples texts that must set off this rule (checked by the rule tests)
 * @param counterExamples texts that must not set it off
 */
public record Rule(
    String id,
    String category,
    double weight,
    Pattern pattern,
    List<String> literals,
    List<String> required,
    List<String> examples,
    List<String> counterExamples) {

  public Rule {
    if (!(weight > 0 && weight < 100)) {
      throw new IllegalArgumentException("rule " + id + ": weight must be within (0, 100), got " + weight);
    }
    literals = literals == null ? null : List.copyOf(literals);
    required = required == null ? null : List.copyOf(required);
    examples = List.copyOf(examples);
    counterExamples = List.copyOf(counterExamples);
  }

  /** A rule for {@code regex} (over normalized text), its leading literals derived from it. */
  public static Rule of(String id, String category, double weight, String regex) {
    return new Rule(id, category, weight, Pattern.compile(regex), Literals.leading(regex), null,
        List.of(), List.of());
  }

  /** Whether {@code text} holds one of the {@link #required} strings (or none are required). */
  boolean admits(String text) {
    if (required == null) {
      return true;
    }
    for (int i = 0; i < required.size(); i++) {
      if (text.contains(required.get(i))) {
        return true;
      }
    }
    return false;
  }
}
