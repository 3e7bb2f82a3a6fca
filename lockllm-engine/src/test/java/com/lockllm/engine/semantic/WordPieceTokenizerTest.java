package com.lockllm.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {
  private static WordPieceTokenizer tokenizer;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = WordPieceTokenizer.class.getResourceAsStream(
        "/all-minilm-l6-v2-q-tokenizer.json")) {
      tokenizer = WordPieceTokenizer.read(in);
    }
  }

  private static int[] ids(String text) {
    WordPieceTokenizer.Tokens t = tokenizer.tokenize(text);
    return t.ids(0, t.size());
  }

  @Test
  void splitsPunctuationAndLowerCases() {
    // bert-base-uncased ids: hello, ",", world, "!"
    assertThat(ids("Hello, WORLD!")).containsExactly(7592, 1010, 2088, 999);
  }

  @Test
  void stripsAccentsAndIgnoresControlCharacters() {
    assertThat(ids("Café\u0000 naïve")).containsExactly(ids("cafe naive"));
  }

  @Test
  void tokensKeepTheSpanTheyCameFrom() {
    String text = "  Ignore previous-instructions";
    WordPieceTokenizer.Tokens t = tokenizer.tokenize(text);
    assertThat(text.substring(t.start(0), t.end(0))).isEqualTo("Ignore");
    assertThat(text.substring(t.start(t.size() - 1), t.end(t.size() - 1)))
        .isEqualTo("instructions");
  }

  @Test
  void unknownWordsBecomeOneUnknownToken() {
    assertThat(ids("\uD83D\uDE00")).hasSize(1);
    assertThat(ids("x".repeat(101))).hasSize(1);
  }

  @Test
  void aBatchAddsClsAndSepAndPadsToTheLongestWindow() {
    WordPieceTokenizer.Batch batch = tokenizer.batch(new int[][] {{7, 8, 9}, {5}}, 8);
    assertThat(batch.shape()).containsExactly(2, 5);
    int cls = tokenizer.clsId();
    int sep = tokenizer.sepId();
    assertThat(batch.ids()).containsExactly(cls, 7, 8, 9, sep, cls, 5, sep, 0, 0);
    assertThat(batch.mask()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
    assertThatThrownBy(() -> tokenizer.batch(new int[][] {new int[7]}, 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
  }
}
