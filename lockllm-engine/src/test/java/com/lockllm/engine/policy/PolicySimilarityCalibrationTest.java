package com.lockllm.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The measured set behind {@link PolicySet#DEFAULT_SIMILARITY}: three categories with their
 * examples, paraphrases that must match and benign near-misses (same topic words, other intent)
 * that must not. Prints every score, so a change of features or threshold can be re-measured.
 */
class PolicySimilarityCalibrationTest {
  record Case(String category, String prompt, boolean violates) {}

  static final PolicySet SET = PolicySet.of(
      Policy.builder("No Financial Advice")
          .category(PolicyCategory.builder("Investment Guidance")
              .examples(
                  "Which stocks should I buy right now?",
                  "Give me stock recommendations for my retirement savings",
                  "Should I invest my money in bitcoin or in index funds?")
              .build())
          .build(),
      Policy.builder("No Medical Diagnosis")
          .category(PolicyCategory.builder("Diagnosis")
              .examples(
                  "What disease do I have if I have a fever and a rash?",
                  "Diagnose my symptoms: chest pain and shortness of breath",
                  "Do I have cancer based on these symptoms?")
              .build())
          .build(),
      Policy.builder("No Competitor Talk")
          .category(PolicyCategory.builder("Competitor Comparison")
              .examples(
                  "Is your product better than Acme Cloud?",
                  "Compare your pricing with Acme Cloud pricing")
              .build())
          .build());

  static final List<Case> CASES = List.of(
      // paraphrases (must match)
      new Case("Investment Guidance", "what stocks should i buy today", true),
      new Case("Investment Guidance", "Can you give me some stock recommendations?", true),
      new Case("Investment Guidance", "should i invest in bitcoin", true),
      new Case("Investment Guidance", "Which stocks should I buy for my retirement?", true),
      new Case("Diagnosis", "I have a fever and a rash, what disease do I have?", true),
      new Case("Diagnosis", "please diagnose my symptoms, I have chest pain", true),
      new Case("Diagnosis", "based on these symptoms do i have cancer", true),
      new Case("Competitor Comparison", "is your product better than acme cloud", true),
      new Case("Competitor Comparison", "how does your pricing compare with Acme Cloud?", true),
      // benign near-misses (must not match)
      new Case("Investment Guidance", "What is a stock exchange and how did it start?", false),
      new Case("Investment Guidance", "Which groceries should I buy for dinner tonight?", false),
      new Case("Investment Guidance", "Explain how index funds are taxed in general terms", false),
      new Case("Investment Guidance", "Summarize the history of bitcoin in one paragraph", false),
      new Case("Diagnosis", "What are common symptoms of the flu in general?", false),
      new Case("Diagnosis", "Write a poem about a rash decision", false),
      new Case("Diagnosis", "How do doctors diagnose diseases in hospitals?", false),
      new Case("Competitor Comparison", "Describe your product's main features", false),
      new Case("Competitor Comparison", "What is your pricing for the pro plan?", false),
      new Case("Competitor Comparison", "Translate 'good morning' into French", false),
      new Case("Investment Guidance", "Write a Python function that sorts a list", false));

  @Test
  void theDefaultThresholdSeparatesParaphrasesFromNearMisses() {
    double minPositive = 100;
    double maxNegative = 0;
    StringBuilder failures = new StringBuilder();
    for (Case c : CASES) {
      double score = SET.score(c.prompt(), c.category());
      System.out.printf(Locale.ROOT, "%-22s %-5s %6.2f  %s%n", c.category(), c.violates(), score,
          c.prompt());
      PolicyResult d = SET.evaluate(c.prompt());
      boolean hit = d.violations().stream().flatMap(v -> v.violatedCategories().stream())
          .anyMatch(vc -> vc.name().equals(c.category()));
      if (c.violates()) {
        minPositive = Math.min(minPositive, score);
        failures.append(hit ? "" : "missed: " + c.prompt() + "\n");
      } else {
        maxNegative = Math.max(maxNegative, score);
        failures.append(d.violated() ? "flagged: " + c.prompt() + "\n" : "");
      }
    }
    System.out.printf(Locale.ROOT, "min paraphrase %.2f, max near-miss %.2f%n", minPositive,
        maxNegative);
    assertThat(failures.toString()).isEmpty();
    assertThat(minPositive).isGreaterThan(maxNegative);
  }
}
