package com.lockllm.train.suffix;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.engine.suffix.CharModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuffixTrainingTest {
  private static final String[] SENTENCES = {
    "What is the capital of France?", "Write a haiku about autumn leaves.",
    "How many apples are left if I eat three of ten?", "Summarise this email in two sentences.",
    "Translate 'good morning' into Spanish.", "Explain how a bicycle gear works.",
    "The train to Lyon leaves from platform six at a quarter past nine.",
    "Please remember to bring the signed forms to the front desk on Monday."};

  private static List<String> sample() {
    List<String> texts = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      for (String s : SENTENCES) {
        texts.add(c % 2 == 0 ? s : s.toUpperCase() + " " + c);
      }
    }
    return texts;
  }

  @Test
  void sameTextsGiveTheSameBytes() {
    byte[] sha = new byte[32];
    byte[] first = CharModelTraining.train(sample(), sha, "test").bytes();
    byte[] second = CharModelTraining.train(sample(), sha, "test").bytes();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void prefersTextLikeItsTrainingTextOverTokenSoup() {
    CharModelTraining.Result result = CharModelTraining.train(sample(), new byte[32], "test");
    CharModel model = result.model();
    assertThat(result.discounts()[CharModel.ORDER]).isBetween(0.0, 1.0);
    assertThat(model.entries()).isEqualTo(result.entries());
    double english = SuffixTrainer.bitsPerChar(model, List.of("Write a short poem about the autumn leaves."));
    double soup = SuffixTrainer.bitsPerChar(model, List.of("]{\\comment={[@ tableView \"@githubINST -Of cour"));
    assertThat(soup).isGreaterThan(english + 2);
  }

  @Test
  void unseenCharactersStillHaveAFiniteCost() {
    CharModel model = CharModelTraining.train(sample(), new byte[32], "test").model();
    String text = "zzz ~~~ \u0436\u0436";
    float[] bits = new float[text.length()];
    boolean[] counted = new boolean[text.length()];
    model.costs(text, 0, text.length(), bits, counted);
    for (int i = 0; i < bits.length; i++) {
      assertThat(bits[i]).isFinite().isLessThan(32f);
    }
  }
}
