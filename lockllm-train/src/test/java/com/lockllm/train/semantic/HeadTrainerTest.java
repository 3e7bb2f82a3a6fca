package com.lockllm.train.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.engine.semantic.SemanticHead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadTrainerTest {
  /** Two unit-length clusters in 16 dimensions, attacks the minority, from a fixed seed. */
  private static List<HeadTrainer.Sample> sample() {
    Random r = new Random(7);
    List<HeadTrainer.Sample> out = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      boolean attack = i % 5 == 0;
      float[] v = new float[16];
      double norm = 0;
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) (r.nextGaussian() * 0.3 + (d == 0 ? (attack ? 1 : -1) : 0));
        norm += v[d] * v[d];
      }
      for (int d = 0; d < v.length; d++) {
        v[d] /= (float) Math.sqrt(norm);
      }
      out.add(new HeadTrainer.Sample(v, attack, attack ? 4 : 1));
    }
    return out;
  }

  private static byte[] trainedBytes() throws IOException {
    SemanticHead head = new HeadTrainer(11, 5, 0.1).train(sample(), "test-encoder", 64);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head.write(out);
    return out.toByteArray();
  }

  @Test
  void sameInputsGiveTheSameBytes() throws IOException {
    assertThat(trainedBytes()).isEqualTo(trainedBytes());
  }

  @Test
  void separatesTheClusters() {
    List<HeadTrainer.Sample> data = sample();
    SemanticHead head = new HeadTrainer(11, 5, 0.1).train(data, "test-encoder", 64);
    for (HeadTrainer.Sample s : data) {
      assertThat(head.score(s.embedding()) >= 50).as("sample %s", s).isEqualTo(s.attack());
    }
  }

  @Test
  void aucCountsTiesAsHalf() {
    assertThat(SemanticReport.auc(new double[] {3, 2}, new double[] {1, 2})).isEqualTo(0.875);
  }

  @Test
  void thresholdKeepsTheFalsePositiveRateWithinTheTarget() {
    double[] benign = new double[200];
    for (int i = 0; i < benign.length; i++) {
      benign[i] = i;
    }
    double t = SemanticReport.thresholdForFpr(benign, 0.01);
    long fp = Arrays.stream(benign).filter(s -> s >= t).count();
    assertThat(fp).isEqualTo(2);
  }
}
