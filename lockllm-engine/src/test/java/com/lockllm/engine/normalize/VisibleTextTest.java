package com.lockllm.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleTextTest {
  @Test
  void asciiTextIsItsOwnVisibleText() {
    VisibleText v = VisibleText.of("Call 555-2671 now");
    assertThat(v.unchanged()).isTrue();
    assertThat(v.text()).isEqualTo("Call 555-2671 now");
    assertThat(v.originalStart(5)).isEqualTo(5);
    assertThat(v.originalEnd(13)).isEqualTo(13);
  }

  @Test
  void takesDisguisesOffAndKeepsCaseAndSpacing() {
    assertThat(VisibleText.of("Jo\u200Bhn\u00AD Smith").text()).isEqualTo("John Smith");
    assertThat(VisibleText.of("\uFF21\uFF42\uFF43 \uFF11\uFF12").text()).isEqualTo("Abc 12");
    assertThat(VisibleText.of("\u0661\u0662\u0663 \u096A\u096B").text()).isEqualTo("123 45");
    assertThat(VisibleText.of("J\u0430ne \u0410lice").text()).isEqualTo("Jane Alice");
    assertThat(VisibleText.of("415\u2013555\u22122671").text()).isEqualTo("415-555-2671");
    assertThat(VisibleText.of("4\u03361\u0336").text()).isEqualTo("41");
  }

  @Test
  void leavesRealWordsOfOtherScriptsAndComposedLettersAlone() {
    assertThat(VisibleText.of("Привет, мир").text()).isEqualTo("Привет, мир");
    assertThat(VisibleText.of("José Müller").text()).isEqualTo("José Müller");
    assertThat(VisibleText.of("Jose\u0301").text()).isEqualTo("José");
    assertThat(VisibleText.of("a😀b").text()).isEqualTo("a😀b");
  }

  @Test
  void mapsEveryPositionBackOverWhatWasRemoved() {
    String original = "x j\u200Bo@e\u0430.io y";
    VisibleText v = VisibleText.of(original);
    assertThat(v.text()).isEqualTo("x jo@ea.io y");
    int start = v.text().indexOf("jo@");
    int end = v.text().indexOf(" y");
    assertThat(original.substring(v.originalStart(start), v.originalEnd(end)))
        .isEqualTo("j\u200Bo@e\u0430.io");
    assertThat(v.originalEnd(v.text().length())).isEqualTo(original.length());
  }
}
