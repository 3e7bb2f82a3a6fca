package com.lockllm.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.lockllm.output.ExfiltrationCheck;
import com.lockllm.output.OutputCheck;
import com.lockllm.output.OutputChecks;
import com.lockllm.output.OutputFinding;
import com.lockllm.output.SecretCheck;
import java.util.List;

/**
 * The output checks ({@link SecretCheck}, {@link ExfiltrationCheck} and both as {@link OutputChecks})
 * on any text: no exception; findings inside the text, non-empty, no longer than the check's
 * {@code maxSpan}, in order and not overlapping; the redacted text is the text between findings with
 * each finding's replacement in its place, and no replacement contains the text it replaces. The
 * last input byte picks the check, the rest is the text; seeds under {@code OutputCheckFuzzTestInputs/}.
 */
class OutputCheckFuzzTest {
  private static final List<OutputCheck> CHECKS = List.of(
      new SecretCheck(),
      new ExfiltrationCheck(),
      new ExfiltrationCheck(List.of("docs.example", "*.cdn.example")),
      OutputChecks.of(List.of(new SecretCheck(), new ExfiltrationCheck())));

  @FuzzTest(maxDuration = "30s")
  void find(FuzzedDataProvider data) {
    OutputCheck check = CHECKS.get(data.consumeInt(0, CHECKS.size() - 1));
    String text = data.consumeRemainingAsString();
    List<OutputFinding> findings = check.find(text);

    StringBuilder expected = new StringBuilder();
    int done = 0;
    for (OutputFinding f : findings) {
      assertThat(f.start()).as("%s after the previous finding", f).isGreaterThanOrEqualTo(done);
      assertThat(f.end()).as("%s non-empty, inside the text", f).isGreaterThan(f.start()).isLessThanOrEqualTo(text.length());
      assertThat(f.end() - f.start()).as("%s within maxSpan", f).isLessThanOrEqualTo(check.maxSpan());
      String matched = text.substring(f.start(), f.end());
      assertThat(f.replacement()).as("replacement of %s", f).doesNotContain(matched);
      expected.append(text, done, f.start()).append(f.replacement());
      done = f.end();
    }
    expected.append(text, done, text.length());
    assertThat(OutputChecks.redact(text, findings)).isEqualTo(expected.toString());
  }
}
