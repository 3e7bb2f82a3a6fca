package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.output.AnswerTextGenerator.Answer;
import com.lockllm.output.AnswerTextGenerator.Label;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall per type on {@link AnswerTextGenerator}'s paragraphs (seed 17, 3,000
 * paragraphs). A finding is a true positive where it overlaps a label of its type; a label is
 * recalled only where one finding of its type covers it whole (a key cut in two leaks its rest). The floors sit just under the measured figures,
 * recorded in lockllm-core/README.md ("Output checks"); the figures are printed to the test output.
 */
class PrecisionRecallTest {
  private static final List<Answer> ANSWERS = new AnswerTextGenerator(17).answers(3000);

  /** found, correct, labelled, recalled */
  private record Counts(int[] n) {
    Counts() {
      this(new int[4]);
    }

    double precision() {
      return n[0] == 0 ? 1 : (double) n[1] / n[0];
    }

    double recall() {
      return n[2] == 0 ? 1 : (double) n[3] / n[2];
    }
  }

  @Test
  void secrets() {
    Map<String, Counts> counts = measure(new SecretCheck(), AnswerTextGenerator.SECRET_TYPES);
    counts.forEach((type, c) -> {
      assertThat(c.n()[2]).as("labels of %s", type).isGreaterThan(50);
      assertThat(c.precision()).as("precision of %s", type).isGreaterThanOrEqualTo(0.99);
      assertThat(c.recall()).as("recall of %s", type).isGreaterThanOrEqualTo(0.99);
    });
  }

  @Test
  void exfiltration() {
    Map<String, Counts> counts = measure(new ExfiltrationCheck(List.of(AnswerTextGenerator.ALLOWED_HOST)), AnswerTextGenerator.EXFILTRATION_TYPES);
    assertThat(counts.get("EXFILTRATION_IMAGE").precision()).isGreaterThanOrEqualTo(0.99);
    assertThat(counts.get("EXFILTRATION_IMAGE").recall()).isGreaterThanOrEqualTo(0.99);
    // commit links (a 40-hex path segment) and query links to ordinary sites are removed by design
    assertThat(counts.get("EXFILTRATION_LINK").precision()).isGreaterThanOrEqualTo(0.70);
    assertThat(counts.get("EXFILTRATION_LINK").recall()).isGreaterThanOrEqualTo(0.99);
  }

  private static Map<String, Counts> measure(OutputCheck check, List<String> types) {
    Map<String, Counts> counts = new TreeMap<>();
    types.forEach(t -> counts.put(t, new Counts()));
    for (Answer answer : ANSWERS) {
      List<OutputFinding> findings = check.find(answer.text());
      for (OutputFinding f : findings) {
        Counts c = counts.computeIfAbsent(f.type(), t -> new Counts());
        c.n()[0]++;
        if (answer.labels().stream().anyMatch(l -> matches(l, f))) {
          c.n()[1]++;
        }
      }
      for (Label l : answer.labels()) {
        if (types.contains(l.type())) {
          Counts c = counts.get(l.type());
          c.n()[2]++;
          if (findings.stream().anyMatch(f -> f.type().equals(l.type()) && f.start() <= l.start() && l.end() <= f.end())) {
            c.n()[3]++;
          }
        }
      }
    }
    counts.forEach((type, c) -> System.out.printf("%-20s found %5d correct %5d labelled %5d recalled %5d precision %.4f recall %.4f%n",
        type, c.n()[0], c.n()[1], c.n()[2], c.n()[3], c.precision(), c.recall()));
    return counts;
  }

  private static boolean matches(Label label, OutputFinding finding) {
    return label.type().equals(finding.type()) && finding.start() < label.end() && label.start() < finding.end();
  }
}
