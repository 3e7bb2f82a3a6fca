package com.lockllm.train.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticTrainingTest {
  private static SemanticTraining.Row row(boolean attack, int[][] windows) {
    float[][] emb = new float[windows.length][];
    for (int i = 0; i < windows.length; i++) {
      emb[i] = new float[] {windows[i][0]};
    }
    return new SemanticTraining.Row("f", "t", attack, attack ? "injection" : "benign", windows,
        emb);
  }

  @Test
  void attackWindowsThatRepeatABenignWindowAreDroppedAndRowsWeighOne() {
    int[] clean = {1, 2, 3};
    int[] planted = {9, 9, 9};
    List<SemanticTraining.Row> rows = List.of(
        row(false, new int[][] {clean}),
        row(false, new int[][] {{4, 5}}),
        row(true, new int[][] {clean, planted}));
    List<HeadTrainer.Sample> samples = SemanticTraining.samples(rows);
    assertThat(samples).hasSize(3);
    HeadTrainer.Sample attack = samples.get(2);
    assertThat(attack.attack()).isTrue();
    assertThat(attack.embedding()).containsExactly(9f);
    // two benign rows against one attack row: the attack row weighs 2
    assertThat(attack.weight()).isEqualTo(2.0);
  }

  @Test
  void subsampleKeepsHardNegativesAndFileOrder() {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(new String[] {"t" + i, "0", i == 42 ? "benign_hard_negative" : "benign"});
    }
    List<String[]> kept = SemanticTraining.subsample(rows, 5);
    assertThat(kept).hasSize(5).anyMatch(r -> r[0].equals("t42"));
    assertThat(kept).isSortedAccordingTo(
        (a, b) -> Integer.compare(Integer.parseInt(a[0].substring(1)),
            Integer.parseInt(b[0].substring(1))));
    assertThat(SemanticTraining.subsample(rows, 5)).usingRecursiveComparison().isEqualTo(kept);
  }
}
