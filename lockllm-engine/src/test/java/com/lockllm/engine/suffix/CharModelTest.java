package com.lockllm.engine.suffix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CharModelTest {
  private static final CharModel SHIPPED = SuffixDetector.create().model();

  @Test
  void foldsCaseDigitsQuotesAndWhiteSpace() {
    assertThat(CharModel.symbol('a')).isEqualTo(CharModel.symbol('A'));
    assertThat(CharModel.symbol('3')).isEqualTo(CharModel.symbol('7')).isEqualTo(CharModel.DIGIT);
    assertThat(CharModel.symbol('\u2019')).isEqualTo(CharModel.symbol('\''));
    assertThat(CharModel.symbol('\u201c')).isEqualTo(CharModel.symbol('"'));
    assertThat(CharModel.symbol('\u2014')).isEqualTo(CharModel.symbol('-'));
    assertThat(CharModel.symbol('\u00a0')).isEqualTo(CharModel.SPACE);
    assertThat(CharModel.symbol('\r')).isEqualTo(CharModel.NEWLINE);
    assertThat(CharModel.symbol('\u00e9')).isEqualTo(CharModel.LATIN_OTHER);
    assertThat(CharModel.symbol('\u0436')).isEqualTo(CharModel.OTHER_LETTER);
    assertThat(CharModel.symbol('\u4e2d')).isEqualTo(CharModel.OTHER_LETTER);
    assertThat(CharModel.symbol('\u200b')).isZero();
    assertThat(CharModel.symbol('\u0301')).isZero();
    assertThat(CharModel.symbols("a  \n b")).containsExactly(
        CharModel.symbol('a'), CharModel.SPACE, CharModel.symbol('b'));
  }

  @Test
  void everyCharacterMapsIntoTheAlphabet() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      int s = CharModel.symbol(c);
      assertThat(s).isBetween(0, CharModel.SYMBOLS);
    }
  }

  @Test
  void keysOfDifferentLengthsDiffer() {
    int[] symbols = {CharModel.BEGIN, CharModel.BEGIN, CharModel.BEGIN, CharModel.BEGIN, CharModel.SYMBOLS};
    assertThat(CharModel.key(symbols, 0, 5)).isPositive();
    assertThat(CharModel.length(CharModel.key(symbols, 0, 5))).isEqualTo(5);
    assertThat(CharModel.length(CharModel.key(symbols, 4, 1))).isEqualTo(1);
    assertThat(CharModel.key(new int[] {1, 1}, 0, 2)).isNotEqualTo(CharModel.key(new int[] {1}, 0, 1));
  }

  @Test
  void englishCostsFewerBitsThanTokenSoup() {
    double english = bitsPerChar("Please write a short story about a dog who learns to swim in the lake.");
    double soup = bitsPerChar("describing.\\ + similarlyNow write oppositeley.]( Me giving**ONE please? revert");
    assertThat(english).isLessThan(3.0);
    assertThat(soup).isGreaterThan(english + 1.5);
  }

  @Test
  void collapsedWhiteSpaceAndSkippedCharactersAreNotCounted() {
    String text = "a  b\u200bc";
    float[] bits = new float[text.length()];
    boolean[] counted = new boolean[text.length()];
    SHIPPED.costs(text, 0, text.length(), bits, counted);
    assertThat(counted).containsExactly(true, true, false, true, false, true);
    assertThat(bits[2]).isZero();
  }

  @Test
  void roundTripsAHandBuiltModelAndRejectsOtherFormats() throws IOException {
    int[] keys = new int[CharModel.SYMBOLS];
    float[] costs = new float[keys.length];
    float[] backoffs = new float[keys.length];
    for (int s = 1; s <= CharModel.SYMBOLS; s++) {
      keys[s - 1] = s;
      costs[s - 1] = s == CharModel.symbol('a') ? 1 : 8;
    }
    byte[] bytes = CharModel.write(keys, costs, backoffs, new byte[32], "unigrams");
    CharModel model = CharModel.read(new ByteArrayInputStream(bytes));
    assertThat(model.entries()).isEqualTo(CharModel.SYMBOLS);
    assertThat(model.description()).isEqualTo("unigrams");
    float[] bits = new float[2];
    boolean[] counted = new boolean[2];
    model.costs("ab", 0, 2, bits, counted);
    assertThat(bits).containsExactly(1f, 8f);
    bytes[0] ^= 1;
    assertThatThrownBy(() -> CharModel.read(new ByteArrayInputStream(bytes))).isInstanceOf(IOException.class);
  }

  @Test
  void theShippedModelRecordsItsTrainingInputs() {
    assertThat(SHIPPED.trainingSha256()).hasSize(64);
    assertThat(SHIPPED.description()).contains("Kneser-Ney");
    assertThat(SHIPPED.entries()).isGreaterThan(100_000);
  }

  private static double bitsPerChar(String text) {
    float[] bits = new float[text.length()];
    boolean[] counted = new boolean[text.length()];
    SHIPPED.costs(text, 0, text.length(), bits, counted);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < bits.length; i++) {
      if (counted[i]) {
        sum += bits[i];
        n++;
      }
    }
    return sum / n;
  }
}
