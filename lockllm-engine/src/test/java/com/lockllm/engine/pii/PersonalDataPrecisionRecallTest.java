package com.lockllm.engine.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.engine.pii.AnswerParagraphs.Answer;
import com.lockllm.engine.pii.AnswerParagraphs.Label;
import com.lockllm.output.OutputFinding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall per type of {@link PersonalDataCheck} on {@link AnswerParagraphs} (seed 17,
 * 3,000 paragraphs). A finding is correct where it overlaps a label of its type; a label is
 * recalled only where one finding of its type covers it whole (a card number cut in two leaks its
 * rest). The floors sit just under the measured figures, recorded in lockllm-engine/README.md
 * ("Personal data in answers"); the figures are printed to the test output.
 */
class PersonalDataPrecisionRecallTest {
  private static final List<Answer> ANSWERS = new AnswerParagraphs(17).answers(3000);

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

  /**
   * Precision floor, recall floor. Below 0.99, by cause: prices written with a space before the
   * thousands ("EUR 22 750.00") read as phone numbers; ISBN-13s and millisecond epochs that pass
   * Luhn read as cards; "Spring Boot" reads as a name; a first name with no cue and no surname is
   * not found; UK mobiles in national format ("07407 735467") are not found; a Spanish IBAN (24
   * characters) followed by a word of up to four letters is not found.
   */
  private static final Map<String, double[]> FLOORS = Map.of(
      "EMAIL", new double[] {0.99, 0.99},
      "PHONE_NUMBER", new double[] {0.79, 0.95},
      "CREDIT_CARD", new double[] {0.95, 0.99},
      "SOCIAL_SECURITY_NUMBER", new double[] {0.99, 0.99},
      "ACCOUNT_NUMBER", new double[] {0.99, 0.96},
      "STREET_ADDRESS", new double[] {0.99, 0.99},
      "CITY", new double[] {0.99, 0.99},
      "ZIP_CODE", new double[] {0.99, 0.99},
      "FIRST_NAME", new double[] {0.96, 0.79},
      "LAST_NAME", new double[] {0.97, 0.99});

  @Test
  void personalDataInAnswers() {
    Map<String, Counts> counts = measure();
    FLOORS.forEach((type, floor) -> {
      Counts c = counts.get(type);
      assertThat(c.n()[2]).as("labels of %s", type).isGreaterThan(50);
      assertThat(c.precision()).as("precision of %s", type).isGreaterThanOrEqualTo(floor[0]);
      assertThat(c.recall()).as("recall of %s", type).isGreaterThanOrEqualTo(floor[1]);
    });
  }

  private static Map<String, Counts> measure() {
    PersonalDataCheck check = PersonalDataCheck.create();
    Map<String, Counts> counts = new TreeMap<>();
    AnswerParagraphs.TYPES.forEach(t -> counts.put(t, new Counts()));
    for (Answer answer : ANSWERS) {
      List<OutputFinding> findings = check.find(answer.text());
      for (OutputFinding f : findings) {
        Counts c = counts.computeIfAbsent(f.type(), t -> new Counts());
        c.n()[0]++;
        if (answer.labels().stream().anyMatch(l -> l.type().equals(f.type()) && f.start() < l.end() && l.start() < f.end())) {
          c.n()[1]++;
        }
      }
      for (Label l : answer.labels()) {
        Counts c = counts.get(l.type());
        c.n()[2]++;
        if (findings.stream().anyMatch(f -> f.type().equals(l.type()) && f.start() <= l.start() && l.end() <= f.end())) {
          c.n()[3]++;
        }
      }
    }
    counts.forEach((type, c) -> System.out.printf("%-24s found %5d correct %5d labelled %5d recalled %5d precision %.4f recall %.4f%n",
        type, c.n()[0], c.n()[1], c.n()[2], c.n()[3], c.precision(), c.recall()));
    return counts;
  }
}
