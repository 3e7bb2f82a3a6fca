package com.lockllm.engine.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.engine.HostileShapes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** libphonenumber work is bounded by the text's length, whatever its shape. */
class PhoneRecognizerBudgetTest {
  private static final int MEGABYTE = 1 << 20;

  @ParameterizedTest
  @EnumSource(HostileShapes.class)
  void parseAttemptsStayWithinTheBudget(HostileShapes shape) {
    String text = shape.text(MEGABYTE);
    int[] attempts = new int[2];
    new PhoneRecognizer().find(text, new ArrayList<>(), attempts);
    int budget = PhoneRecognizer.budget(text.length());
    assertThat(attempts[0]).as("findNumbers tries").isLessThanOrEqualTo(budget);
    assertThat(attempts[1]).as("national-format parses").isLessThanOrEqualTo(budget);
    assertThat(budget).isLessThan(3 * PhoneRecognizer.BASE_ATTEMPTS + MEGABYTE / PhoneRecognizer.CHARS_PER_ATTEMPT);
  }

  @Test
  void ordinaryTextNeverReachesTheBudget() {
    StringBuilder b = new StringBuilder();
    while (b.length() < 8192) {
      b.append("Dear Mary Johnson, call (415) 234-5678 or +44 20 7123 4567, order 2024-0042 of 12 units. ");
    }
    String text = b.append("Reach me on 06 12 34 56 78.").toString();
    int[] attempts = new int[2];
    List<PiiEntity> found = new ArrayList<>();
    new PhoneRecognizer().find(text, found, attempts);
    int budget = PhoneRecognizer.budget(text.length());
    assertThat(attempts[0]).isLessThan(budget);
    assertThat(attempts[1]).isLessThan(budget);
    assertThat(found).anySatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo("06 12 34 56 78"));
    assertThat(found).anySatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo("+44 20 7123 4567"));
  }
}
