package com.lockllm.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.scan.Sensitivity;
import java.io.IOException;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The hand-written hard negatives ({@code src/test/resources/eval/hard_negatives.jsonl}, engine
 * README "Hand-written hard negatives"): benign prompts that talk about attacks or use their
 * words, an evaluation set nothing is tuned on. Five of the 50 are flagged at medium, four of them
 * quoting an attack phrase inside a benign task; the floor allows seven. The set ships with the
 * module, so the test always runs.
 */
class HardNegativesEvaluationTest {
  @Test
  void fewHandWrittenHardNegativesAreFlaggedAtMedium() throws IOException {
    EvaluationReport r = DatasetEvaluator.of(EmbeddedScanner.create(), Sensitivity.MEDIUM)
        .evaluate(Paths.get("src", "test", "resources", "eval", "hard_negatives.jsonl"));
    assertThat(r.overall().negatives()).isEqualTo(50);
    assertThat(r.overall().falsePositives()).as("flagged, of 50").isLessThanOrEqualTo(7);
  }
}
